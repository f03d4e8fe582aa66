/**
 * Starts Bot Framework Web Chat against our own Direct Line endpoint
 * (same origin, WebSocket stream). Shared by the resident page and the staff console.
 */
window.Chat311 = {
  /**
   * @param {{ tokenUrl: string, element: HTMLElement, onIncoming?: (activity: object) => void }} options
   */
  async start(options) {
    const res = await fetch(options.tokenUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) throw new Error(`The chat could not start (${res.status}).`);
    const { token, userId } = await res.json();
    const directLine = window.WebChat.createDirectLine({
      domain: `${window.location.origin}/directline`,
      token,
      webSocket: true,
    });
    const store = window.WebChat.createStore({}, () => (next) => (action) => {
      if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && options.onIncoming) {
        options.onIncoming(action.payload.activity);
      }
      return next(action);
    });
    options.element.textContent = '';
    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        userID: userId,
        locale: document.documentElement.lang === 'es' ? 'es-ES' : 'en-US',
        styleOptions: {
          accent: '#0b4f8a',
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          bubbleFromUserBackground: '#e3eefa',
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 18,
          uploadAccept: 'image/jpeg,image/png,image/gif,image/webp',
          uploadMultiple: false,
          // Picking a photo sends it at once, like the classic Web Chat.
          sendAttachmentOn: 'attach',
          hideUploadButton: false,
          sendBoxButtonAlignment: 'bottom',
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
          botAvatarInitials: '311',
          userAvatarInitials: 'You',
        },
      },
      options.element,
    );
    return { store, directLine, userId };
  },

  /** Sends an activity as if the resident had typed it. */
  post(store, activity) {
    store.dispatch({ type: 'DIRECT_LINE/POST_ACTIVITY', meta: { method: 'code' }, payload: { activity } });
  },
};
