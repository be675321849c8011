using Microsoft.Extensions.Logging;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// Logs at most <c>perInterval</c> warnings of one kind per interval and then one summary of how many it left out,
/// so a flood of refused connections (an attack, or a misconfigured fleet) cannot flood the log.
/// </summary>
public sealed class SampledWarnings(ILogger logger, string kind, int perInterval, TimeSpan interval, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _intervalStart = DateTimeOffset.MinValue;
    private int _logged;
    private int _suppressed;

    /// <summary>Logs the warning unless this interval's share is used up; <paramref name="write"/> writes it.</summary>
    public void Warn(Action<ILogger> write)
    {
        int leftOut;
        bool log;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            leftOut = 0;
            if (now - _intervalStart >= interval)
            {
                leftOut = _suppressed;
                _intervalStart = now;
                _logged = 0;
                _suppressed = 0;
            }

            log = _logged < perInterval;
            if (log)
            {
                _logged++;
            }
            else
            {
                _suppressed++;
            }
        }

        if (leftOut > 0)
        {
            logger.LogWarning("{Count} more {Kind} were not logged in the previous {Seconds} s", leftOut, kind, (int)interval.TotalSeconds);
        }

        if (log)
        {
            write(logger);
        }
    }
}
