(() => {
  const element = document.getElementById('webchat');
  const button = document.getElementById('share-location');
  const status = document.getElementById('location-status');
  let chat;

  window.Chat311.start({ tokenUrl: '/api/webchat/token', element, resumeKey: 'chat311.resident' })
    .then((started) => {
      chat = started;
    })
    .catch(() => {
      element.textContent = 'The chat is not available right now. Please try again later, or call 311.';
    });

  button.addEventListener('click', () => {
    if (!chat) {
      status.textContent = 'The chat is still starting. Try again in a moment.';
      return;
    }
    if (!navigator.geolocation) {
      status.textContent = 'Your browser cannot share a location. Please type the address instead.';
      return;
    }
    status.textContent = 'Finding your location…';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const latitude = Math.round(position.coords.latitude * 1e5) / 1e5;
        const longitude = Math.round(position.coords.longitude * 1e5) / 1e5;
        window.Chat311.post(chat.store, {
          type: 'message',
          text: 'My location',
          entities: [{ type: 'GeoCoordinates', latitude, longitude }],
        });
        status.textContent = 'Your location was shared with the chat.';
      },
      () => {
        status.textContent =
          'Your location could not be found. Please type the address or nearest intersection.';
      },
      { timeout: 15000, maximumAge: 60000 },
    );
  });
})();
