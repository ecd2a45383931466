"""Password reset by e-mail, in Thai, through the same mail (a real SMTP server)."""

import re

import pytest

from .conftest import Inbox

pytestmark = pytest.mark.django_db


def test_forgotten_password_by_email_in_thai(client, chain, smtp):
    login_page = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password_reset/"' in login_page and "ลืมรหัสผ่าน?" in login_page
    form = client.get("/accounts/password_reset/").content.decode()
    assert "กรอกอีเมลของบัญชีผู้ใช้" in form and "ส่งลิงก์ตั้งรหัสผ่านใหม่" in form
    response = client.post(
        "/accounts/password_reset/", {"email": "officer@example.go.th"}, follow=True
    )
    assert "ตรวจสอบอีเมลของคุณ" in response.content.decode()
    [mail] = smtp.to("officer@example.go.th")
    assert "ตั้งรหัสผ่านใหม่" in mail["Subject"]
    text = Inbox.text(mail)
    assert "ชื่อผู้ใช้ของคุณ: officer" in text and "ถ้าคุณไม่ได้ขอ" in text
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", text).group(1)
    page = client.get(link, follow=True)
    assert "ตั้งรหัสผ่านใหม่" in page.content.decode() and "id_new_password1" in page.content.decode()
    set_url = page.redirect_chain[-1][0]
    short = client.post(set_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert short.status_code == 200 and 'class="errors" role="alert"' in short.content.decode()
    done = client.post(
        set_url, {"new_password1": "ใหม่-Pass-2567", "new_password2": "ใหม่-Pass-2567"}, follow=True
    )
    assert "ตั้งรหัสผ่านใหม่แล้ว" in done.content.decode()
    assert client.login(username="officer", password="ใหม่-Pass-2567")
    # the link works once
    again = client.get(link, follow=True).content.decode()
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, chain, smtp):
    response = client.post(
        "/accounts/password_reset/", {"email": "nobody@example.go.th"}, follow=True
    )
    assert "ตรวจสอบอีเมลของคุณ" in response.content.decode()
    assert smtp.messages == []
