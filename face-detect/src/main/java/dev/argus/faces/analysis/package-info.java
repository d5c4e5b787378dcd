/** The bounded worker pool that turns image bytes into detected and embedded faces, and the quality filter. */
package dev.argus.faces.analysis;
