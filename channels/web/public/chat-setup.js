/**
 * Starts Bot Framework Web Chat against our own Direct Line endpoint
 * (same origin, WebSocket stream). Shared by the resident page and the staff console.
 */
const DIRECT_LINE = `${window.location.origin}/directline`;

async function newSession(tokenUrl) {
  const res = await fetch(tokenUrl, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`The chat could not start (${res.status}).`);
  const { token, userId, conversationId } = await res.json();
  return { token, userId, conversationId, resumed: false };
}

/** The conversation this tab had before a reload, if its token and the conversation are still alive. */
async function resume(key) {
  let saved;
  try {
    saved = JSON.parse(sessionStorage.getItem(key) || 'null');
  } catch {
    saved = null;
  }
  if (!saved?.token || !saved.conversationId) return undefined;
  const res = await fetch(`${DIRECT_LINE}/conversations/${encodeURIComponent(saved.conversationId)}`, {
    headers: { authorization: `Bearer ${saved.token}` },
  });
  if (!res.ok) {
    sessionStorage.removeItem(key);
    return undefined;
  }
  const { token } = await res.json();
  return { token, userId: saved.userId, conversationId: saved.conversationId, resumed: true };
}

window.Chat311 = {
  /**
   * @param {{ tokenUrl: string, element: HTMLElement, resumeKey?: string,
   *   onIncoming?: (activity: object) => void }} options
   */
  async start(options) {
    const session =
      (options.resumeKey && (await resume(options.resumeKey))) || (await newSession(options.tokenUrl));
    const { token, userId, conversationId } = session;
    const directLine = window.WebChat.createDirectLine({
      domain: DIRECT_LINE,
      token,
      ...(session.resumed ? { conversationId } : {}),
      webSocket: true,
    });
    if (options.resumeKey) {
      // Keep the newest token (Web Chat refreshes it) so a reload in this tab resumes the conversation.
      const save = () =>
        sessionStorage.setItem(
          options.resumeKey,
          JSON.stringify({ token: directLine.token || token, conversationId, userId }),
        );
      save();
      window.addEventListener('pagehide', save);
    }
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
