using ThuisMonitoring.Mqtt.Payloads;
using static ThuisMonitoring.Mqtt.Tests.Payloads.TestPayloads;

namespace ThuisMonitoring.Mqtt.Tests.Payloads;

/// <summary>A measurements payload may be an array of 1 to 600 measurement objects, accepted or rejected as a whole.</summary>
public sealed class MeasurementBatchTests
{
    [Fact]
    public void A_batch_of_600_is_accepted_in_order()
    {
        var payload = Utf8(Batch(600, i => Item(i, spo2: 50 + (i % 51))));

        var result = MeasurementPayloadParser.Parse(payload, Now);

        result.Errors.Should().BeEmpty();
        result.Value.Should().HaveCount(600);
        result.Value!.Select(m => m.MessageId).Should().Equal(Enumerable.Range(0, 600).Select(i => $"m-{i}"));
        result.Value!.Select(m => m.Spo2).Should().Equal(Enumerable.Range(0, 600).Select(i => (int?)(50 + (i % 51))));
    }

    [Fact]
    public void A_batch_of_601_is_rejected()
    {
        var result = MeasurementPayloadParser.Parse(Utf8(Batch(601, i => Item(i))), Now);

        result.IsAccepted.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("at most 600");
    }

    [Fact]
    public void A_batch_of_one_is_accepted()
    {
        MeasurementPayloadParser.Parse(Utf8(Batch(1, i => Item(i))), Now).Value.Should().ContainSingle();
    }

    [Fact]
    public void One_bad_item_rejects_the_whole_batch_naming_the_item()
    {
        var payload = Utf8(Batch(10, i => i == 3 ? Item(i, spo2: 101) : Item(i)));

        var result = MeasurementPayloadParser.Parse(payload, Now);

        result.IsAccepted.Should().BeFalse();
        result.Value.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Field.Should().Be("[3].spo2");
    }

    [Fact]
    public void The_last_item_being_bad_also_rejects_the_batch()
    {
        var payload = Utf8(Batch(600, i => i == 599 ? """{"spo2":95}""" : Item(i)));

        MeasurementPayloadParser.Parse(payload, Now).Errors.Should().ContainSingle().Which.Field.Should().Be("[599].measuredAt");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[ ]")]
    public void An_empty_batch_is_rejected(string payload)
    {
        MeasurementPayloadParser.Parse(Utf8(payload), Now).Errors.Should().ContainSingle().Which.Message.Should().Contain("empty");
    }

    [Theory]
    [InlineData("[42]", "[0]")]
    [InlineData("""[{"measuredAt":"2025-03-10T11:59:00Z","spo2":95},"text"]""", "[1]")]
    [InlineData("""[{"measuredAt":"2025-03-10T11:59:00Z","spo2":95},null]""", "[1]")]
    [InlineData("""[[{"measuredAt":"2025-03-10T11:59:00Z","spo2":95}]]""", "[0]")]
    public void An_item_that_is_not_an_object_rejects_the_batch(string payload, string field)
    {
        MeasurementPayloadParser.Parse(Utf8(payload), Now).Errors.Should().ContainSingle().Which.Field.Should().Be(field);
    }

    [Fact]
    public void An_item_without_content_is_named_by_its_index()
    {
        var payload = Utf8(Batch(3, i => i == 1 ? """{"measuredAt":"2025-03-10T11:59:00Z"}""" : Item(i)));

        MeasurementPayloadParser.Parse(payload, Now).Errors.Should().ContainSingle().Which.Field.Should().Be("[1]");
    }

    [Fact]
    public void A_rejected_batch_is_answered_with_its_first_messageId()
    {
        var payload = Utf8("""[{"measuredAt":"2025-03-10T11:59:00Z","spo2":95},{"measuredAt":"2025-03-10T11:59:00Z","spo2":9,"messageId":"b-2"},{"messageId":"b-3"}]""");

        MeasurementPayloadParser.Parse(payload, Now).MessageId.Should().Be("b-2");
    }

    [Fact]
    public void A_batch_full_of_errors_reports_a_capped_list()
    {
        var result = MeasurementPayloadParser.Parse(Utf8(Batch(600, i => Item(i, spo2: 10))), Now);

        result.Errors.Should().HaveCount(PayloadLimits.MaxReportedErrors + 1);
        result.Errors[^1].Message.Should().Be($"{600 - PayloadLimits.MaxReportedErrors} more error(s) not listed.");
    }

    [Fact]
    public void The_largest_batch_a_device_can_send_fits_the_size_limit()
    {
        var id = new string('x', PayloadLimits.MaxMessageIdLength);
        var item = $$"""{"measuredAt":"2025-03-10T11:59:00.123456789+01:00","messageId":"{{id}}","spo2":100,"heartRate":250,"respiratoryRate":60,"oxygenFlow":12.5,"temperature":37.25,"perfusionIndex":19.75,"feeling":"much-worse","exertion":false}""";
        var payload = Utf8(Batch(600, _ => item));

        payload.Length.Should().BeLessThan(PayloadLimits.MaxPayloadBytes);
        MeasurementPayloadParser.Parse(payload, Now).Value.Should().HaveCount(600);
    }

    private static string Item(int i, int spo2 = 95) =>
        $$"""{"measuredAt":"2025-03-10T11:{{i % 60:00}}:00Z","messageId":"m-{{i}}","spo2":{{spo2}}}""";
}
