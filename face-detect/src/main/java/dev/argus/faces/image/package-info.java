/** Image bytes to pixels: JPEG and PNG only, 5 MB and 64 megapixels at most. */
package dev.argus.faces.image;
