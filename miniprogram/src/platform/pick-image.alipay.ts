export { pickImage } from './pick-image-mini';
