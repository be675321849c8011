// Countdowns on the wall clock (not on counted ticks), so a busy phone does not stretch the 30 s or the minute.

function run(seconds, onTick, onDone) {
  const end = Date.now() + seconds * 1000;
  onTick(seconds);
  const timer = setInterval(() => {
    const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    if (left <= 0) {
      clearInterval(timer);
      onDone();
    } else {
      onTick(left);
    }
  }, 250);
}

/** The 30-second breathing count. */
export const startCounter = run;

/** The 1-minute sit-to-stand test. */
export const startCountdown = run;
