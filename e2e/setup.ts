// A journey starts a server and a browser and walks several pages: minutes, not seconds.
jest.setTimeout(180_000);
