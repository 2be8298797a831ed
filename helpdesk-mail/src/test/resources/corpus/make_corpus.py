#!/usr/bin/env python3
"""Writes the .eml fixtures of CorpusTest. Run once; the resulting files are committed.

Non-UTF-8 bodies are encoded by Python's codecs (the same tables iconv uses), so the fixtures
hold the exact bytes a real mailer in that charset sends.
"""
import base64, quopri, os, zlib

HERE = os.path.dirname(os.path.abspath(__file__))

RU = ("Здравствуйте! Не могу войти в личный кабинет уже второй день. "
      "Пароль сбросил, но письмо с подтверждением так и не пришло. "
      "Пожалуйста, помогите разобраться, это очень срочно.")
JA = "お世話になっております。昨日からログインできません。パスワードを再設定しましたが、確認メールが届きません。よろしくお願いいたします。"
ZH = "您好，我从昨天开始无法登录账户。我已经重置了密码，但是没有收到确认邮件。请尽快帮助我解决这个问题，谢谢。"
KO = "안녕하세요. 어제부터 로그인이 되지 않습니다. 비밀번호를 재설정했지만 확인 메일이 오지 않았습니다. 도와주세요."

def write(name, text, crlf=False, raw=None):
    data = raw if raw is not None else text.encode("utf-8")
    if crlf:
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)

def head(subject="Help", extra=""):
    return ("Return-Path: <customer@example.org>\n"
            "Delivered-To: support@desk.example.com\n"
            "From: Customer <customer@example.org>\n"
            "To: Support <support@desk.example.com>\n"
            "Date: Mon, 07 Dec 2026 09:15:00 +0100\n"
            f"Message-ID: <{zlib.crc32(subject.encode())}.fixture@example.org>\n"
            f"Subject: {subject}\n"
            "MIME-Version: 1.0\n" + extra)

def b64(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# 1. mixed > alternative > related with an inline image, plus a PDF; CRLF line ends
write("nested-multipart.eml", head("Invoice question", extra=
"Content-Type: multipart/mixed; boundary=\"==mixed==\"\n\n"
"This is a multi-part message in MIME format.\n\n"
"--==mixed==\n"
"Content-Type: multipart/alternative; boundary=\"==alt==\"\n\n"
"--==alt==\n"
"Content-Type: text/plain; charset=\"utf-8\"\n"
"Content-Transfer-Encoding: quoted-printable\n\n"
"Hello, the invoice total looks wrong =E2=80=93 see the attached PDF.\n"
"Regards, Customer\n\n"
"--==alt==\n"
"Content-Type: multipart/related; boundary=\"==rel==\"; type=\"text/html\"\n\n"
"--==rel==\n"
"Content-Type: text/html; charset=\"utf-8\"\n"
"Content-Transfer-Encoding: 7bit\n\n"
"<html><body><p>Hello, the invoice total looks wrong &ndash; see the attached PDF.</p>"
"<p><img src=\"cid:logo@example.org\"></p><p>Regards, Customer</p></body></html>\n\n"
"--==rel==\n"
"Content-Type: image/png; name=\"logo.png\"\n"
"Content-Transfer-Encoding: base64\n"
"Content-ID: <logo@example.org>\n"
"Content-Disposition: inline; filename=\"logo.png\"\n\n" + b64(PNG) + "\n"
"--==rel==--\n\n"
"--==alt==--\n\n"
"--==mixed==\n"
"Content-Type: application/pdf; name=\"invoice-2026-12.pdf\"\n"
"Content-Transfer-Encoding: base64\n"
"Content-Disposition: attachment; filename=\"invoice-2026-12.pdf\"\n\n" + b64(PDF) + "\n"
"--==mixed==--\n"), crlf=True)

# 2. raw 8-bit UTF-8 in headers (RFC 6532 style, no encoded words)
write("utf8-raw-headers.eml",
"From: Jürgen Müller <Juergen.Mueller@Example.DE>\n"
"To: support@desk.example.com\n"
"Cc: Ольга <olga@example.ru>, support@desk.example.com\n"
"Subject: Привет, проблема с заказом №123 – dringend\n"
"Message-ID: <raw8bit-1@example.de>\n"
"Date: Mon, 07 Dec 2026 10:00:00 +0100\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=utf-8\n"
"Content-Transfer-Encoding: 8bit\n\n"
"Grüße aus München. Заказ №123 не пришёл.\n")

def charset_mail(name, subject_header, ctype, cte, body_bytes, crlf=False):
    hdr = (head("x", extra="").replace("Subject: x\n", "Subject: " + subject_header + "\n")
           .replace("Message-ID: <", "Message-ID: <" + name.split(".")[0] + "."))
    hdr += f"Content-Type: {ctype}\n" + (f"Content-Transfer-Encoding: {cte}\n" if cte else "") + "\n"
    if cte == "base64":
        body = b64(body_bytes).encode() + b"\n"
    elif cte == "quoted-printable":
        body = quopri.encodestring(body_bytes) + b"\n"
    else:
        body = body_bytes + b"\n"
    data = hdr.encode("ascii") + body
    write(name, None, crlf=crlf, raw=data)

# 3. declares utf-8, is cp1251 (a misconfigured webmail)
charset_mail("wrong-charset-cp1251.eml", "Problem with login", "text/plain; charset=utf-8", "8bit",
             RU.encode("cp1251"))
# 4. no charset at all, cp1251 8-bit
charset_mail("no-charset-cp1251.eml", "Login", "text/plain", "8bit", RU.encode("cp1251"), crlf=True)
# 5. KOI8-R
charset_mail("koi8r.eml", "=?koi8-r?B?" + base64.b64encode("Вход в кабинет".encode("koi8_r")).decode() + "?=",
             "text/plain; charset=koi8-r", "8bit", RU.encode("koi8_r"))
# 6. Shift_JIS
charset_mail("shift-jis.eml", "=?Shift_JIS?B?" + base64.b64encode("ログインできません".encode("shift_jis")).decode() + "?=",
             "text/plain; charset=Shift_JIS", "base64", JA.encode("shift_jis"))
# 7. ISO-2022-JP (7-bit, with escape sequences)
charset_mail("iso-2022-jp.eml", "=?ISO-2022-JP?B?" + base64.b64encode("ログインできません".encode("iso2022_jp")).decode() + "?=",
             "text/plain; charset=ISO-2022-JP", "7bit", JA.encode("iso2022_jp"), crlf=True)
# 8. GB2312, base64
charset_mail("gb2312.eml", "=?gb2312?B?" + base64.b64encode("无法登录".encode("gb2312")).decode() + "?=",
             "text/plain; charset=gb2312", "base64", ZH.encode("gb2312"))
# 9. EUC-KR, quoted-printable
charset_mail("euc-kr.eml", "=?euc-kr?Q?" + "".join("=%02X" % b for b in "로그인 문제".encode("euc_kr")) + "?=",
             "text/plain; charset=euc-kr", "quoted-printable", KO.encode("euc_kr"))

# 10. RFC 2047: B and Q words, a UTF-8 character split across two words, folded
s = "Ärger mit der Rechnung – Zahlung fehlgeschlagen".encode("utf-8")
cut = s.index("–".encode()) + 1  # in the middle of the en dash
write("rfc2047-subject.eml", head("x").replace("From: Customer <customer@example.org>\n", "").replace("Subject: x\n",
      "Subject: =?UTF-8?B?" + base64.b64encode(s[:cut]).decode() + "?=\n =?UTF-8?B?"
      + base64.b64encode(s[cut:]).decode() + "?= =?iso-8859-1?Q?_und_M=FCnzen?=\n")
      + "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <j.mueller@example.de>\n"
      "Content-Type: text/plain; charset=us-ascii\n\nSee subject.\n")

# 11. RFC 2231 filenames: extended value and continuations
name1 = "Отчёт за декабрь.pdf"
enc1 = "".join("%%%02X" % b for b in name1.encode("utf-8"))
name2 = "Überweisungsbestätigung Dezember 2026 (Kopie für die Buchhaltung).pdf"
enc2 = "".join(c if c.isascii() and c.isalnum() else "".join("%%%02X" % b for b in c.encode("utf-8")) for c in name2)
write("rfc2231-filenames.eml", head("Documents", extra=
"Content-Type: multipart/mixed; boundary=b1\n\n"
"--b1\nContent-Type: text/plain; charset=utf-8\n\nTwo documents attached.\n"
"--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
f"Content-Disposition: attachment; filename*=UTF-8''{enc1}\n\n" + b64(PDF) + "\n"
"--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
f"Content-Disposition: attachment;\n filename*0*=UTF-8''{enc2[:40]};\n filename*1*={enc2[40:90]};\n filename*2*={enc2[90:]}\n\n"
+ b64(PDF) + "\n--b1--\n"))

# 12. replies with quoted history
def reply(name, subject, body, crlf=False, charset="utf-8"):
    write(name, head(subject, extra=
        "In-Reply-To: <t42.m7.x1@desk.example.com>\n"
        "References: <t42.m1.a@desk.example.com> <t42.m5.b@desk.example.com>\n <t42.m7.x1@desk.example.com>\n"
        f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit\n\n") + body, crlf=crlf)

reply("reply-gmail-en.eml", "Re: [HD-7K3M9P2Q] Printer offline",
"Thanks, the printer works again after the restart.\n\n"
"On Mon, Dec 7, 2026 at 9:02 AM Support Desk <support@desk.example.com>\n"
"wrote:\n\n"
"> ##- Please type your reply above this line -##\n"
"> Please restart the printer and tell us if it helps.\n", crlf=True)
reply("reply-outlook-de.eml", "AW: [HD-7K3M9P2Q] Drucker offline",
"Hallo,\n\nder Drucker geht wieder, danke!\n\nMit freundlichen Grüßen\nJürgen Müller\n\n"
"________________________________\n"
"Von: Support Desk <support@desk.example.com>\n"
"Gesendet: Montag, 7. Dezember 2026 09:02\n"
"An: Jürgen Müller <j.mueller@example.de>\n"
"Betreff: [HD-7K3M9P2Q] Drucker offline\n\n"
"##- Please type your reply above this line -##\n"
"Bitte starten Sie den Drucker neu.\n")
reply("reply-apple-fr.eml", "Re: [HD-7K3M9P2Q] Imprimante",
"Merci, l’imprimante fonctionne de nouveau.\n\nEnvoyé de mon iPhone\n\n"
"> Le 7 déc. 2026 à 09:02, Support Desk <support@desk.example.com> a écrit :\n"
">\n> Veuillez redémarrer l’imprimante.\n")
reply("reply-gmail-es.eml", "Re: [HD-7K3M9P2Q] Impresora",
"Gracias, la impresora ya funciona.\n\n"
"El lun, 7 dic 2026 a las 9:02, Support Desk (<support@desk.example.com>)\nescribió:\n\n"
"> Por favor reinicie la impresora.\n")
reply("reply-gmail-ru.eml", "Re: [HD-7K3M9P2Q] Принтер",
"Спасибо, принтер снова работает.\n\n"
"пн, 7 дек. 2026 г. в 09:02, Support Desk <support@desk.example.com>:\n\n"
"> Пожалуйста, перезагрузите принтер.\n", charset="utf-8")
reply("reply-gmail-ja.eml", "Re: [HD-7K3M9P2Q] プリンター",
"ありがとうございます。プリンターは直りました。\n\n"
"2026年12月7日(月) 9:02 Support Desk <support@desk.example.com>:\n\n"
"> プリンターを再起動してください。\n")

# 13. winmail.dat
write("winmail-dat.eml", head("Outlook RTF", extra=
"Content-Type: multipart/mixed; boundary=\"_tnef_\"\n\n"
"--_tnef_\nContent-Type: text/plain; charset=\"us-ascii\"\n\nPlease see attached.\n\n"
"--_tnef_\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\n"
"Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"winmail.dat\"\n\n"
+ b64(b"\x78\x9f\x3e\x22" + b"TNEF-fixture" * 10) + "\n--_tnef_--\n"), crlf=True)

# 14. calendar invite
ICS = ("BEGIN:VCALENDAR\nMETHOD:REQUEST\nPRODID:Microsoft Exchange Server 2010\nVERSION:2.0\n"
       "BEGIN:VEVENT\nUID:040000008200E00074C5B7101A82E008\nSUMMARY:Printer review\n"
       "DTSTART:20261208T100000Z\nDTEND:20261208T110000Z\nEND:VEVENT\nEND:VCALENDAR\n")
write("calendar-invite.eml", head("Printer review", extra=
"X-Auto-Response-Suppress: DR, RN, NRN, OOF\n".replace(", OOF", "") +
"Content-Type: multipart/alternative; boundary=\"_cal_\"\n\n"
"--_cal_\nContent-Type: text/plain; charset=\"utf-8\"\n\nWhen: Tuesday, 8 December 2026 10:00-11:00 UTC\n\n"
"--_cal_\nContent-Type: text/calendar; charset=\"utf-8\"; method=REQUEST\n"
"Content-Transfer-Encoding: base64\n\n" + b64(ICS.replace("\n", "\r\n").encode()) + "\n--_cal_--\n"))

# 15. DSN about our own notification
write("dsn-bounce.eml",
"Return-Path: <>\n"
"Received: from mx.example.org by mail.desk.example.com; Mon, 7 Dec 2026 09:20:01 +0000\n"
"From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n"
"To: support@desk.example.com\n"
"Subject: Undelivered Mail Returned to Sender\n"
"Message-ID: <20261207092001.ABC123@mx.example.org>\n"
"Date: Mon, 7 Dec 2026 09:20:01 +0000\n"
"Auto-Submitted: auto-replied\n"
"MIME-Version: 1.0\n"
"Content-Type: multipart/report; report-type=delivery-status;\n boundary=\"ABC123.1765099201/mx.example.org\"\n\n"
"This is a MIME-encapsulated message.\n\n"
"--ABC123.1765099201/mx.example.org\n"
"Content-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n"
"This is the mail system at host mx.example.org.\n\n"
"I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
"<gone@example.org>: host mx.example.org said: 550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown\n\n"
"--ABC123.1765099201/mx.example.org\n"
"Content-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
"Reporting-MTA: dns; mx.example.org\nX-Postfix-Queue-ID: ABC123\nArrival-Date: Mon,  7 Dec 2026 09:20:00 +0000\n\n"
"Final-Recipient: rfc822; Gone@example.org\nOriginal-Recipient: rfc822;gone@example.org\nAction: failed\nStatus: 5.1.1\n"
"Remote-MTA: dns; mx.example.org\nDiagnostic-Code: smtp; 550 5.1.1 <gone@example.org>: Recipient address\n rejected: User unknown\n\n"
"--ABC123.1765099201/mx.example.org\n"
"Content-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n"
"From: Support Desk <support@desk.example.com>\nTo: gone@example.org\n"
"Subject: [HD-7K3M9P2Q] Printer offline\n"
"Message-ID: <t42.m7.x1@desk.example.com>\n"
"References: <t42.m1.a@desk.example.com> <t42.m5.b@desk.example.com>\n"
"X-Helpdesk-Loop: desk.example.com\n\n"
"--ABC123.1765099201/mx.example.org--\n")

# 16-19. automatic or not
write("out-of-office.eml", head("Automatische Antwort: [HD-7K3M9P2Q] Drucker offline",
      extra="Auto-Submitted: auto-replied (vacation)\nX-Auto-Response-Suppress: All\n"
      "Content-Type: text/plain; charset=utf-8\n\nIch bin bis 4. Januar nicht im Büro.\n"))
write("auto-submitted-no.eml", head("Re: Printer", extra="Auto-Submitted: no\n"
      "Content-Type: text/plain; charset=utf-8\n\nI typed this myself.\n"))
write("precedence-first-class.eml", head("Urgent: printer", extra="Precedence: first-class\n"
      "Content-Type: text/plain; charset=utf-8\n\nPlease call me back.\n"))
write("mailing-list.eml", head("[users] Release 2.0", extra=
      "List-Id: Users of the product <users.lists.example.org>\n"
      "List-Unsubscribe: <mailto:users-leave@lists.example.org>\nPrecedence: list\n"
      "Content-Type: text/plain; charset=utf-8\n\nRelease 2.0 is out.\n"))

# 20-21. missing ids and senders
write("no-message-id.eml", "From: customer@example.org\nTo: support@desk.example.com\n"
      "Subject: No id\nContent-Type: text/plain\n\nA message without Message-ID.\n")
write("no-from.eml", "To: support@desk.example.com\nSubject: Who am I\n"
      "Message-ID: <nofrom-1@example.org>\n\nA message without From.\n")

# 22. hostile attachment names and active content
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
write("hostile-attachments.eml", head("Logs", extra=
"Content-Type: multipart/mixed; boundary=\"x\"\n\n"
"--x\nContent-Type: text/plain\n\nLogs attached.\n"
"--x\nContent-Type: text/plain; name=\"../../etc/passwd\"\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\n\nroot:x:0:0:root:/root:/bin/bash\n"
"--x\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"..\\\\..\\\\boot.ini\"\n\n[boot loader]\n"
"--x\nContent-Type: image/svg+xml; name=\"chart.svg\"\nContent-Disposition: attachment; filename=\"chart.svg\"\n\n" + SVG + "\n"
"--x\nContent-Type: application/octet-stream; name=\"report.HTM\"\nContent-Disposition: attachment; filename=\"report.HTM\"\n\n<script>x()</script>\n"
"--x--\n"))

# 23. HTML only, hostile
write("html-only-xss.eml", head("HTML only", extra="Content-Type: text/html; charset=utf-8\n\n"
"<html><head><style>p{color:red}</style><script>steal()</script></head><body>"
"<p>First paragraph.</p><p>Second paragraph with <a href=\"javascript:alert(1)\">a link</a>.</p>"
"<img src=\"x\" onerror=\"alert(2)\"><div>Last line</div></body></html>\n"))

# 24. broken base64 (bad characters, missing padding, truncated)
write("broken-base64.eml", head("Broken", extra=
"Content-Type: multipart/mixed; boundary=\"q\"\n\n"
"--q\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
+ base64.b64encode("Die Datei ist kaputt, bitte prüfen.".encode()).decode()[:-3] + "!!*\n"
"--q\nContent-Type: application/octet-stream; name=\"data.bin\"\nContent-Transfer-Encoding: base64\n\n"
"AAEC%%%AwQF\nBgc\n"
"--q--\n"))

# 25. missing closing boundary
write("missing-end-boundary.eml", head("Cut off", extra=
"Content-Type: multipart/mixed; boundary=\"zz\"\n\n"
"--zz\nContent-Type: text/plain\n\nThe end boundary never comes.\n"
"--zz\nContent-Type: application/octet-stream; name=\"a.bin\"\nContent-Transfer-Encoding: base64\n\nAAECAwQF\n"))

# 26. empty body
write("empty-body.eml", head("Empty", extra="Content-Type: text/plain\n\n"))

# 27. a forwarded message as message/rfc822, plus one with a filename
write("forwarded-rfc822.eml", head("Fwd: the original complaint", extra=
"Content-Type: multipart/mixed; boundary=\"fwd\"\n\n"
"--fwd\nContent-Type: text/plain; charset=utf-8\n\nSee the forwarded mail below.\n"
"--fwd\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n"
"From: Angry <angry@example.net>\nSubject: =?UTF-8?Q?Beschwerde_=C3=BCber/den_Drucker?=\n"
"Message-ID: <orig@example.net>\nContent-Type: text/plain\n\nThe printer is broken.\n"
"--fwd\nContent-Type: message/rfc822; name=\"earlier\"\n\n"
"From: Angry <angry@example.net>\nSubject: earlier\n\nEarlier mail.\n"
"--fwd--\n"), crlf=True)
