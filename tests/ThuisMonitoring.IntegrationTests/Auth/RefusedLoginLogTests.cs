using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>Issue 9 item 4: refused logins are logged sampled: the first in full, then one summary a minute.</summary>
public sealed class RefusedLoginLogTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogger _logger = new();

    [Fact]
    public void A_burst_of_refusals_writes_the_first_and_one_summary_a_minute_later()
    {
        using var log = new RefusedLoginLog(_clock, _logger);
        for (var i = 0; i < 200; i++)
        {
            log.Refused(i % 2 == 0 ? "anouk" : "bram", IPAddress.Loopback, "wrong password", locked: i >= 5);
        }

        _logger.Lines.Should().ContainSingle().Which.Should().Contain("anouk").And.Contain("wrong password");

        _clock.Advance(TimeSpan.FromMinutes(1));

        _logger.Lines.Should().HaveCount(2);
        _logger.Lines[1].Should().Contain("199 more refused logins").And.Contain("195 throttled").And.Contain("2 usernames").And.Contain("1 addresses");
        _logger.Levels.Should().AllBeEquivalentTo(LogLevel.Warning);
    }

    [Fact]
    public void After_a_quiet_minute_the_next_refusal_is_written_in_full_again()
    {
        using var log = new RefusedLoginLog(_clock, _logger);
        log.Refused("anouk", IPAddress.Loopback, "wrong password", locked: false);
        _clock.Advance(TimeSpan.FromMinutes(1));
        _logger.Lines.Should().HaveCount(1, "nothing was suppressed, so there is nothing to summarise");

        log.Refused("bram", IPAddress.Loopback, "unknown user", locked: false);

        _logger.Lines.Should().HaveCount(2);
        _logger.Lines[1].Should().Contain("bram");
    }

    private sealed class CapturingLogger : ILogger<RefusedLoginLog>
    {
        public List<string> Lines { get; } = [];

        public List<LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Lines.Add(formatter(state, exception));
            Levels.Add(logLevel);
        }
    }
}
