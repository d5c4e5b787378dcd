/**
 * Faces: detection, embedding, durable face collections and the Rekognition API.
 *
 * <p>Entry point for the app: {@link dev.argus.faces.FacesModule}. The layers, each its own
 * package, pure at the core and with I/O at the edges:
 * <ul>
 *   <li>{@code image}: JPEG/PNG bytes to a BGR image, with size limits checked on the headers first;</li>
 *   <li>{@code model}: model bytes and their SHA-256 verification;</li>
 *   <li>{@code detect}: {@link dev.argus.faces.detect.FaceDetector} (YuNet) and the Rekognition-shaped
 *       values it yields (box, landmarks, pose, quality);</li>
 *   <li>{@code embed}: {@link dev.argus.faces.embed.FaceEmbedder} (aligned LBP by default, SFace when a
 *       verified model is given) and the cosine → 0-100 similarity scale;</li>
 *   <li>{@code analysis}: the bounded pool that decodes, detects and embeds, and Rekognition's quality filter;</li>
 *   <li>{@code collection}: face collections, journaled on the {@code log} module, searched by brute force;</li>
 *   <li>{@code api}: {@code X-Amz-Target: RekognitionService.*} on the shared port.</li>
 * </ul>
 */
package dev.argus.faces;
