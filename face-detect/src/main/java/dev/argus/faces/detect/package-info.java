/**
 * Face detection (YuNet through OpenCV's FaceDetectorYN) and its results as Rekognition shapes
 * them: ratio boxes, five landmarks named from the image's viewpoint, pose and quality estimates.
 */
package dev.argus.faces.detect;
