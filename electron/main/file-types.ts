// The photo types the Open dialog offers. Main does not load the engine (it would pull the image
// libraries into the process that drives the window), so the list is repeated here; a test keeps
// it equal to the engine's imageExtensions and to the installers' file associations.
export const photoExtensions = ['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp', 'tif', 'tiff', 'avif', 'heic', 'heif', 'hif', 'gif'] as const;
