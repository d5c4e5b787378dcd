/** Rekognition's collection and image operations on the shared port (awsJson1.1), and their error table. */
package dev.argus.faces.api;
