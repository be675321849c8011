using System.Text;
using System.Text.Json;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Mqtt.Payloads;
using static ThuisMonitoring.Mqtt.Tests.Payloads.TestPayloads;

namespace ThuisMonitoring.Mqtt.Tests.Payloads;

/// <summary>The platform-to-device payloads on .../errors and .../feedback, exactly as the contract shows them.</summary>
public sealed class PlatformMessageTests
{
    [Fact]
    public void An_error_message_lists_field_and_message_of_each_error()
    {
        var message = new ErrorMessage("m-1", [new PayloadError("[3].spo2", "Must be a whole number from 50 to 100; got 101."), new PayloadError("", "A \"quoted\" word.")]);

        Encoding.UTF8.GetString(message.ToUtf8Json()).Should().Be(
            """{"messageId":"m-1","errors":[{"field":"[3].spo2","message":"Must be a whole number from 50 to 100; got 101."},{"field":"","message":"A \"quoted\" word."}]}""");
    }

    [Fact]
    public void An_error_message_without_a_readable_messageId_carries_null()
    {
        var rejected = MeasurementPayloadParser.Parse(Utf8("not json"), Now);

        var json = ErrorMessage.For(rejected).ToUtf8Json();

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("messageId").ValueKind.Should().Be(JsonValueKind.Null);
        document.RootElement.GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("not valid JSON");
    }

    [Fact]
    public void An_error_message_for_a_rejected_measurement_names_its_messageId_and_fields()
    {
        var rejected = MeasurementPayloadParser.Parse(Measurement("\"messageId\":\"m-2\",\"spo2\":30"), Now);

        using var document = JsonDocument.Parse(ErrorMessage.For(rejected).ToUtf8Json());

        document.RootElement.GetProperty("messageId").GetString().Should().Be("m-2");
        document.RootElement.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("spo2");
    }

    [Theory]
    [InlineData(Level.Green, "green")]
    [InlineData(Level.Orange, "orange")]
    [InlineData(Level.Red, "red")]
    public void A_feedback_message_carries_the_level_code(Level level, string code)
    {
        var json = new FeedbackMessage("m-1", Now, level, "Goed zo").ToUtf8Json();

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("level").GetString().Should().Be(code);
    }

    [Fact]
    public void A_feedback_message_is_written_in_UTC_to_the_millisecond_with_Dutch_text_unescaped()
    {
        var receivedAt = new DateTimeOffset(2025, 3, 10, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567);
        var message = new FeedbackMessage("m-1", receivedAt, Level.Orange, "Bel binnen één uur de \"thuismonitoring\".");

        Encoding.UTF8.GetString(message.ToUtf8Json()).Should().Be(
            """{"messageId":"m-1","receivedAt":"2025-03-10T12:00:00.123Z","level":"orange","text":"Bel binnen één uur de \"thuismonitoring\"."}""");
    }

    [Fact]
    public void A_feedback_message_for_a_measurement_without_messageId_carries_null()
    {
        var json = Encoding.UTF8.GetString(new FeedbackMessage(null, Now, Level.Green, "Goed zo").ToUtf8Json());

        json.Should().Be("""{"messageId":null,"receivedAt":"2025-03-10T12:00:00Z","level":"green","text":"Goed zo"}""");
    }
}
