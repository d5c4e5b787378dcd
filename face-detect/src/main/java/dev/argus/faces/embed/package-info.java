/**
 * Face embeddings: unit vectors compared by cosine, mapped to Rekognition's 0-100 similarity by
 * each embedder's {@link dev.argus.faces.embed.SimilarityScale}.
 */
package dev.argus.faces.embed;
