/**
 * Core preprocessing versions the window's model runner accepts (a file without DOM, so Node tests
 * can read it). All frame and resize camera frames the same way (resample.ts); they differ in how the core decodes big photo files (at reduced size in 1,
 * 2 and 4, at full size in 3), which the window no longer does itself: the Test tab asks the core
 * for a file's pixels. A newer core needs a newer window.
 */
export const SUPPORTED_PREPROCESSING = [1, 2, 3, 4];
