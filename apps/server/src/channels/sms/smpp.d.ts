/** The parts of the `smpp` package (0.5) CivicLine uses; the package ships no types. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface Pdu {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: Record<string, unknown>): Pdu;
    isResponse(): boolean;
  }

  export interface Session extends EventEmitter {
    send(pdu: Pdu, responseCallback?: (pdu: Pdu) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    bind_transceiver(options: Record<string, unknown>, callback?: (pdu: Pdu) => void): boolean;
    submit_sm(options: Record<string, unknown>, callback?: (pdu: Pdu) => void): boolean;
    deliver_sm(options: Record<string, unknown>, callback?: (pdu: Pdu) => void): boolean;
    enquire_link(options?: Record<string, unknown>, callback?: (pdu: Pdu) => void): boolean;
    unbind(options?: Record<string, unknown>, callback?: (pdu: Pdu) => void): boolean;
    socket: Socket;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: { url?: string; host?: string; port?: number; tls?: boolean; auto_enquire_link_period?: number }, listener?: () => void): Session;
  export function createServer(listener: (session: Session) => void): Server;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;

  export const ESME_ROK: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RINVDSTADR: number;
  export const ESME_RSUBMITFAIL: number;
  export const ESME_RTHROTTLED: number;
  export const ESM_CLASS: { DATAGRAM: number; DEFAULT: number; UDH_INDICATOR: number; MC_DELIVERY_RECEIPT: number; [k: string]: number };
  export const ENCODING: { SMSC_DEFAULT: number; ASCII: number; LATIN1: number; UCS2: number; [k: string]: number };
  export const REGISTERED_DELIVERY: { FINAL: number; [k: string]: number };
}
