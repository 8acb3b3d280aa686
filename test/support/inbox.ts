import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { vi } from 'vitest'

export interface ReceivedMail {
  to: string[]
  text: string
}

/** The message as text: undoes quoted-printable, in which nodemailer wraps long lines (a link's) with `=`. */
const decode = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

export type Inbox = Awaited<ReturnType<typeof startInbox>>

/**
 * A real SMTP server on a free loopback port (plain SMTP, no sign-in) that keeps every mail it receives; an app
 * sends to it with `SMTP_URL` = `url`. `answerAfterMs` holds each mail that long before accepting it, as a slow
 * mail server would: a request that waited for the mail would take as long.
 */
export async function startInbox({ answerAfterMs = 0 } = {}) {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), text: decode(Buffer.concat(chunks).toString()) })
        setTimeout(callback, answerAfterMs)
      })
    },
  })
  // A sender that goes away in the middle of a mail (an app stopped at the end of a test) is no error of the tests.
  server.on('error', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** The mail to an address, once it has come (apps send it after answering the request). */
    mailTo: (address: string) =>
      vi.waitFor(
        () => {
          const mail = mails.find((received) => received.to.includes(address))
          if (!mail) throw new Error(`No mail to ${address} yet`)
          return mail
        },
        { timeout: 15_000, interval: 50 },
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
