using ThuisMonitoring.Mqtt.Payloads;
using static ThuisMonitoring.Mqtt.Tests.Payloads.TestPayloads;

namespace ThuisMonitoring.Mqtt.Tests.Payloads;

/// <summary>
/// measuredAt: RFC 3339 with offset, at most 5 minutes ahead of the platform clock, at most 7 days old.
/// The platform clock stands at 2025-03-10T12:00:00Z.
/// </summary>
public sealed class MeasuredAtTests
{
    [Theory]
    [InlineData("2025-03-10T12:00:00Z", "2025-03-10T12:00:00+00:00")]
    [InlineData("2025-03-10T13:00:00+01:00", "2025-03-10T12:00:00+00:00")]
    [InlineData("2025-03-10T07:30:00-04:30", "2025-03-10T12:00:00+00:00")]
    [InlineData("2025-03-10T12:00:00-00:00", "2025-03-10T12:00:00+00:00")]
    [InlineData("2025-03-10t11:00:00z", "2025-03-10T11:00:00+00:00")]
    [InlineData("2025-03-10 11:00:00Z", "2025-03-10T11:00:00+00:00")]
    [InlineData("2025-03-10T11:00:00.5Z", "2025-03-10T11:00:00.5+00:00")]
    [InlineData("2025-03-10T11:00:00.123456789Z", "2025-03-10T11:00:00.1234567+00:00")]
    [InlineData("2025-03-11T01:00:00+14:00", "2025-03-10T11:00:00+00:00")]
    [InlineData("2025-03-10T11:00:00\\u002B01:00", "2025-03-10T10:00:00+00:00")]
    public void An_RFC_3339_timestamp_with_offset_is_read_as_that_instant(string measuredAt, string instant)
    {
        var result = Parse(measuredAt);

        result.Errors.Should().BeEmpty();
        result.Value!.Single().MeasuredAt.Should().Be(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_offset_the_device_sent_is_kept()
    {
        Parse("2025-03-10T12:30:00+01:00").Value!.Single().MeasuredAt.Offset.Should().Be(TimeSpan.FromHours(1));
    }

    [Theory]
    [InlineData("2025-03-10T11:00:00")]
    [InlineData("2025-03-10T11:00:00.250")]
    public void A_timestamp_without_offset_is_rejected_asking_for_one(string measuredAt)
    {
        var error = Parse(measuredAt).Errors.Should().ContainSingle().Subject;

        error.Field.Should().Be("measuredAt");
        error.Message.Should().Contain("no UTC offset");
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-03-10")]
    [InlineData("10-03-2025 11:00:00Z")]
    [InlineData("2025-03-10T11:00Z")]
    [InlineData("2025-3-10T11:00:00Z")]
    [InlineData("2025-03-10T11:00:00.Z")]
    [InlineData("2025-03-10T11:00:00+0100")]
    [InlineData("2025-03-10T11:00:00+1:00")]
    [InlineData("2025-03-10T11:00:00+15:00")]
    [InlineData("2025-03-10T11:00:00+01:60")]
    [InlineData("2025-03-10T11:00:00ZZ")]
    [InlineData("2025-03-10T11:00:00Z ")]
    [InlineData("2025-02-29T11:00:00Z")]
    [InlineData("2025-13-01T11:00:00Z")]
    [InlineData("2025-03-10T24:00:00Z")]
    [InlineData("2025-03-10T11:60:00Z")]
    [InlineData("2025-03-10T11:59:60Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("Monday 10 March 2025, 11:00")]
    [InlineData("2025-03-10T11:00:00.0000000000000000000000000000000000000000000000Z")]
    public void Text_that_is_not_an_RFC_3339_timestamp_is_rejected(string measuredAt)
    {
        Parse(measuredAt).Errors.Should().ContainSingle().Which.Field.Should().Be("measuredAt");
    }

    [Theory]
    [InlineData("2025-03-10T12:05:00Z", true)]
    [InlineData("2025-03-10T12:05:00.001Z", false)]
    [InlineData("2025-03-10T13:05:00+01:00", true)]
    [InlineData("2025-03-10T13:06:00+01:00", false)]
    [InlineData("2025-03-11T12:00:00Z", false)]
    [InlineData("2025-03-03T12:00:00Z", true)]
    [InlineData("2025-03-03T11:59:59.999Z", false)]
    [InlineData("2025-03-03T13:00:00+01:00", true)]
    [InlineData("2025-03-03T12:59:59+01:00", false)]
    [InlineData("2024-03-10T12:00:00Z", false)]
    public void A_measurement_is_accepted_from_7_days_old_to_5_minutes_ahead(string measuredAt, bool accepted)
    {
        var result = Parse(measuredAt);

        result.IsAccepted.Should().Be(accepted);
        if (!accepted)
        {
            result.Errors.Should().ContainSingle().Which.Field.Should().Be("measuredAt");
        }
    }

    [Fact]
    public void A_measurement_ahead_of_the_platform_clock_is_rejected_naming_the_platform_time()
    {
        var error = Parse("2025-03-10T12:10:00Z").Errors.Single();

        error.Message.Should().Contain("future").And.Contain("2025-03-10T12:00:00Z");
    }

    [Fact]
    public void The_same_message_is_accepted_until_it_is_more_than_7_days_old()
    {
        var clock = Clock();
        var payload = Utf8("""{"measuredAt":"2025-03-10T12:00:00Z","spo2":95}""");

        MeasurementPayloadParser.Parse(payload, clock).IsAccepted.Should().BeTrue();

        clock.Advance(TimeSpan.FromDays(7));
        MeasurementPayloadParser.Parse(payload, clock).IsAccepted.Should().BeTrue();

        clock.Advance(TimeSpan.FromSeconds(1));
        var late = MeasurementPayloadParser.Parse(payload, clock);
        late.IsAccepted.Should().BeFalse();
        late.Errors.Single().Message.Should().Contain("7 days");
    }

    [Fact]
    public void A_message_from_a_clock_running_ahead_is_accepted_once_the_platform_catches_up()
    {
        var clock = Clock();
        var payload = Utf8("""{"measuredAt":"2025-03-10T12:08:00Z","spo2":95}""");

        MeasurementPayloadParser.Parse(payload, clock).IsAccepted.Should().BeFalse();

        clock.Advance(TimeSpan.FromMinutes(3));
        MeasurementPayloadParser.Parse(payload, clock).IsAccepted.Should().BeTrue();
    }

    private static PayloadResult<IReadOnlyList<ThuisMonitoring.Domain.Measurements.Measurement>> Parse(string measuredAt) =>
        MeasurementPayloadParser.Parse(Utf8($$"""{"measuredAt":"{{measuredAt}}","spo2":95}"""), Now);
}
