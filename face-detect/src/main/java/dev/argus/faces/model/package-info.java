/** Model files and the SHA-256 check every model passes before it runs. */
package dev.argus.faces.model;
