import { decodeImageFile, decodePixels } from './qr-image';

/**
 * The browser's own scanner: a full-screen layer with the camera (getUserMedia + jsQR) and a
 * "choose a picture" button, so every flow can be tried in a plain browser. Resolves with the
 * text read, or null on cancel. A picture with no code resolves with '' (the page then says it
 * is not a valid code, R15).
 */
export function openScanner(labels: { title: string; choose: string; cancel: string; noCamera: string }): Promise<string | null> {
  return new Promise((resolve) => {
    const layer = document.createElement('div');
    layer.className = 'hc-scanner';
    layer.setAttribute('role', 'dialog');
    layer.setAttribute('aria-label', labels.title);
    layer.innerHTML = `
      <div class="hc-scanner__title"></div>
      <video class="hc-scanner__video" playsinline muted></video>
      <div class="hc-scanner__hint"></div>
      <label class="hc-scanner__choose"><span></span><input type="file" accept="image/*" data-testid="scan-file" /></label>
      <button type="button" class="hc-scanner__cancel"></button>`;
    (layer.querySelector('.hc-scanner__title') as HTMLElement).textContent = labels.title;
    (layer.querySelector('.hc-scanner__choose span') as HTMLElement).textContent = labels.choose;
    const cancel = layer.querySelector('.hc-scanner__cancel') as HTMLButtonElement;
    cancel.textContent = labels.cancel;
    const video = layer.querySelector('video') as HTMLVideoElement;
    const hint = layer.querySelector('.hc-scanner__hint') as HTMLElement;
    const input = layer.querySelector('input') as HTMLInputElement;
    document.body.appendChild(layer);

    let stream: MediaStream | null = null;
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (text: string | null) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
      layer.remove();
      resolve(text);
    };
    cancel.onclick = () => finish(null);
    input.onchange = async () => {
      const file = input.files?.[0];
      if (!file) return;
      finish((await decodeImageFile(file).catch(() => null)) ?? '');
    };

    const canvas = document.createElement('canvas');
    const tick = () => {
      if (done) return;
      if (video.readyState >= 2 && video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        const g = canvas.getContext('2d', { willReadFrequently: true });
        if (g) {
          g.drawImage(video, 0, 0);
          const text = decodePixels(g.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
          if (text) return finish(text);
        }
      }
      timer = setTimeout(tick, 250);
    };
    if (navigator.mediaDevices?.getUserMedia) {
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
        .then((s) => {
          if (done) return s.getTracks().forEach((t) => t.stop());
          stream = s;
          video.srcObject = s;
          void video.play().catch(() => undefined);
          tick();
        })
        .catch(() => { hint.textContent = labels.noCamera; });
    } else {
      hint.textContent = labels.noCamera;
    }
  });
}
