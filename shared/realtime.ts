/**
 * The real-time protocol: messages between the WebSocket client and server.
 */
export const PROTOCOL_VERSION = '1.0.0';
