// Reminders: the next measurement due (from /api/me). With permission a notification from the service worker when it is
// due; without, a banner in the app. Only while the app is open or in the background: the platform sends no web push.
import { t } from './i18n.js';

export class Reminders {
  constructor(banner, button) {
    this.banner = banner;
    this.button = button;
    this.timer = null;
    this.due = null;
    if ('Notification' in window && Notification.permission === 'default') {
      button.hidden = false;
      button.addEventListener('click', async () => {
        await Notification.requestPermission();
        button.hidden = Notification.permission !== 'default';
      });
    }
  }

  schedule(dueAt) {
    if (!dueAt || dueAt === this.due) return;
    this.due = dueAt;
    clearTimeout(this.timer);
    const wait = new Date(dueAt).getTime() - Date.now();
    if (wait <= 0) {
      this.fire();
    } else {
      this.banner.hidden = true;
      // setTimeout cannot wait longer than ~24 days; a due time is hours away.
      this.timer = setTimeout(() => this.fire(), Math.min(wait, 2 ** 31 - 1));
    }
  }

  async fire() {
    this.banner.textContent = t('reminder.due');
    this.banner.hidden = false;
    if ('Notification' in window && Notification.permission === 'granted' && 'serviceWorker' in navigator) {
      const registration = await navigator.serviceWorker.ready;
      await registration.showNotification(t('reminder.title'), { body: t('reminder.body'), tag: 'measurement-due', icon: 'icon.svg' });
    }
  }

  /** A measurement was delivered: the banner goes until the next due time. */
  measured() {
    this.banner.hidden = true;
  }

  stop() {
    clearTimeout(this.timer);
    this.banner.hidden = true;
  }
}
