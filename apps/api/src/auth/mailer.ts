// Outgoing mail. With SMTP_URL set, mail goes through nodemailer's SMTP transport; without it,
// each mail is logged to the console (development, tests, installations without mail: an admin
// can read a verification link from the log).
import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Logs mails instead of sending them (the default). `sink` receives each one (tests). */
export function consoleMailer(sink: (mail: Mail) => void = (m) => console.log(`[mail] to ${m.to}: ${m.subject}\n${m.text}`)): Mailer {
  return {
    async send(mail) {
      sink(mail);
    },
  };
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

export function mailerFromEnv(env: { SMTP_URL?: string | undefined; MAIL_FROM: string }): Mailer {
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM) : consoleMailer();
}
