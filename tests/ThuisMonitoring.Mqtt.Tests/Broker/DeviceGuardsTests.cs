using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Mqtt.Broker;

namespace ThuisMonitoring.Mqtt.Tests.Broker;

/// <summary>The broker's guards against one device or one address taking too much: in milliseconds, on a test clock.</summary>
public sealed class DeviceGuardsTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Meter = IPAddress.Parse("192.0.2.8");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_address_is_throttled_after_its_refusals_and_free_again_a_window_after_the_last()
    {
        var refused = new RefusedLogins(maxPerAddress: 3, window: TimeSpan.FromMinutes(1), _clock);
        for (var i = 0; i < 3; i++)
        {
            refused.IsThrottled(Attacker).Should().BeFalse($"after {i} refusals");
            refused.Refused(Attacker);
        }

        refused.IsThrottled(Attacker).Should().BeTrue();
        refused.IsThrottled(Meter).Should().BeFalse("another address is not affected");
        _clock.Advance(TimeSpan.FromSeconds(59));
        refused.IsThrottled(Attacker).Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(1));
        refused.IsThrottled(Attacker).Should().BeFalse();
    }

    [Fact]
    public void Refusals_spread_wider_than_the_window_do_not_add_up()
    {
        var refused = new RefusedLogins(maxPerAddress: 3, window: TimeSpan.FromMinutes(1), _clock);
        for (var i = 0; i < 10; i++)
        {
            refused.Refused(Attacker);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        refused.IsThrottled(Attacker).Should().BeFalse();
    }

    [Fact]
    public void A_device_holds_at_most_its_connections_and_a_reconnect_of_its_own_session_takes_no_new_one()
    {
        var connections = new DeviceConnections(maxPerDevice: 2);

        connections.TryOpen("meter-1", "meter-1/a").Should().BeTrue();
        connections.TryOpen("meter-1", "meter-1/b").Should().BeTrue();
        connections.TryOpen("meter-1", "meter-1/c").Should().BeFalse();
        connections.TryOpen("meter-1", "meter-1/a").Should().BeTrue("a takeover of its own session");
        connections.TryOpen("meter-2", "meter-2/a").Should().BeTrue("another device has its own quota");

        connections.Closed("meter-1/b");
        connections.Count("meter-1").Should().Be(1);
        connections.TryOpen("meter-1", "meter-1/c").Should().BeTrue();
    }

    [Fact]
    public void Warnings_beyond_the_share_of_an_interval_are_counted_and_summarised_once()
    {
        var logger = new CountingLogger();
        var warnings = new SampledWarnings(logger, "refused MQTT logins", perInterval: 2, interval: TimeSpan.FromMinutes(1), _clock);

        for (var i = 0; i < 50; i++)
        {
            warnings.Warn(log => log.LogWarning("refused {Attempt}", i));
        }

        logger.Lines.Should().HaveCount(2);
        _clock.Advance(TimeSpan.FromMinutes(1));
        warnings.Warn(log => log.LogWarning("refused again"));

        logger.Lines.Should().HaveCount(4);
        logger.Lines[2].Should().Be("48 more refused MQTT logins were not logged in the previous 60 s");
        logger.Lines[3].Should().Be("refused again");
    }

    private sealed class CountingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
