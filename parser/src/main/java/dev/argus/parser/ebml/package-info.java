/**
 * Generic EBML (RFC 8794) primitives: variable-length integers and the IDs EBML defines. Pure
 * functions; the Matroska state machine on top of them is {@code dev.argus.parser.mkv}.
 */
package dev.argus.parser.ebml;
