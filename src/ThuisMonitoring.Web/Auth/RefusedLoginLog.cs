using System.Net;
using Microsoft.Extensions.Logging;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// Sampled logging of refused logins: the first refusal after a quiet minute is logged in full (who, from where,
/// why), the rest of that minute is counted and written as one summary line, so a brute-force run writes two
/// warnings a minute instead of one per attempt.
/// </summary>
public sealed partial class RefusedLoginLog : IDisposable
{
    private const int MaxDistinct = 1_000;

    private readonly ILogger<RefusedLoginLog> _logger;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _usernames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _addresses = new(StringComparer.Ordinal);
    private bool _firstLogged;
    private int _suppressed;
    private int _locked;

    public RefusedLoginLog(TimeProvider clock, ILogger<RefusedLoginLog> logger)
    {
        _logger = logger;
        _timer = clock.CreateTimer(_ => Summarise(), null, SummaryPeriod, SummaryPeriod);
    }

    public static TimeSpan SummaryPeriod { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Notes one refused login; <paramref name="locked"/> when it was refused for throttling.</summary>
    public void Refused(string username, IPAddress? address, string reason, bool locked)
    {
        lock (_gate)
        {
            if (_firstLogged)
            {
                _suppressed++;
                _locked += locked ? 1 : 0;
                if (_usernames.Count < MaxDistinct)
                {
                    _usernames.Add(username);
                }

                if (_addresses.Count < MaxDistinct)
                {
                    _addresses.Add(address?.ToString() ?? "unknown");
                }

                return;
            }

            _firstLogged = true;
        }

        LogFirst(username, address?.ToString() ?? "unknown", reason);
    }

    /// <summary>Writes the summary of the refusals since the last one (the timer calls this every minute).</summary>
    public void Summarise()
    {
        int suppressed, locked, usernames, addresses;
        lock (_gate)
        {
            suppressed = _suppressed;
            locked = _locked;
            usernames = _usernames.Count;
            addresses = _addresses.Count;
            _firstLogged = suppressed > 0;
            _suppressed = 0;
            _locked = 0;
            _usernames.Clear();
            _addresses.Clear();
        }

        if (suppressed > 0)
        {
            LogSummary(suppressed, locked, usernames, addresses);
        }
    }

    public void Dispose() => _timer.Dispose();

    [LoggerMessage(EventId = 9401, Level = LogLevel.Warning,
        Message = "Refused login for {Username} from {Address}: {Reason} (further refusals are summarised once a minute)")]
    private partial void LogFirst(string username, string address, string reason);

    [LoggerMessage(EventId = 9402, Level = LogLevel.Warning,
        Message = "{Count} more refused logins in the last minute ({Locked} throttled) for {Usernames} usernames from {Addresses} addresses")]
    private partial void LogSummary(int count, int locked, int usernames, int addresses);
}
