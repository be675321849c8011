using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols.Documents;

/// <summary>
/// The numbers of stream classification are protocol data (<c>continuous.streams</c>): the shipped 10 s gap and 10 s
/// warm-up, the same when a document leaves the section out, and a layer can change them.
/// </summary>
public sealed class StreamRulesDocumentTests
{
    private static readonly DateTimeOffset Start = SpotCheck.MorningRound;
    private static readonly OxygenPrescription OnTwoLitres = new(2.0);

    [Fact]
    public void The_shipped_protocol_has_a_10_second_gap_and_a_10_second_warm_up()
    {
        CovidOxygenProtocol.Default.Continuous.Streams.Should().Be(new StreamRules(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)));
        StreamRules.Default.Should().Be(CovidOxygenProtocol.Default.Continuous.Streams);
    }

    [Fact]
    public void A_document_without_the_streams_section_has_the_platforms_numbers()
    {
        var document = ProtocolDocumentReader.Read(DocumentEdits.With("continuous.streams", null));

        document.Continuous.Streams.Should().Be(StreamRules.Default);
        document.Should().Be(CovidOxygenProtocol.Default);
    }

    [Fact]
    public void The_writer_writes_the_section_and_reading_it_back_gives_the_same_document()
    {
        var layered = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, """{"layer":"org:rijnstad","version":"1","continuous":{"streams":{"gapSeconds":30,"warmUpSeconds":20}}}""");

        var written = ProtocolDocumentWriter.ToJson(layered);

        written["continuous"]!["streams"]!.ToJsonString().Should().Be("""{"gapSeconds":30,"warmUpSeconds":20}""");
        ProtocolDocumentReader.Read(written.ToJsonString()).Continuous.Streams.Should().Be(new StreamRules(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20)));
    }

    [Theory]
    [InlineData("continuous.streams.gapSeconds", "0", "continuous.streams.gapSeconds must be between 1 and 600")]
    [InlineData("continuous.streams.warmUpSeconds", "601", "continuous.streams.warmUpSeconds must be between 0 and 600")]
    [InlineData("continuous.streams.gapSeconds", null, "continuous.streams.gapSeconds is required")]
    [InlineData("continuous.streams.cadenceSeconds", "1", "continuous.streams.cadenceSeconds is not a field of the protocol document")]
    public void A_bad_streams_section_is_refused_naming_the_field(string path, string? value, string expected)
    {
        ProtocolDocumentReader.Validate(DocumentEdits.With(path, value)).Select(e => e.ToString()).Should().Contain(expected);
    }

    [Fact]
    public void With_a_30_second_gap_oximeter_measurements_20_seconds_apart_are_a_stream_not_spot_checks()
    {
        var wider = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, """{"layer":"org:rijnstad","version":"1","continuous":{"streams":{"gapSeconds":30}}}""");
        var samples = Enumerable.Range(0, 4).Select(i => new Measurement(Start.AddSeconds(i * 20), Spo2: 96)).ToList();

        var shipped = new ContinuousStreams().Observe("meter-1", DeviceKind.Oximeter, samples, true, CovidOxygenProtocol.Default, OnTwoLitres);
        var layered = new ContinuousStreams().Observe("meter-1", DeviceKind.Oximeter, samples, true, wider, OnTwoLitres);

        shipped.Should().OnlyContain(s => s.Role == SampleRole.SpotCheck);
        layered.Should().NotContain(s => s.Role == SampleRole.SpotCheck);
    }

    [Fact]
    public void The_warm_up_lasts_as_long_as_the_protocol_says()
    {
        var longer = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, """{"layer":"org:rijnstad","version":"1","continuous":{"streams":{"warmUpSeconds":30}}}""");
        var samples = Enumerable.Range(0, 60).Select(i => new Measurement(Start.AddSeconds(i), Spo2: 96)).ToList();

        var steps = new ContinuousStreams().Observe("meter-1", DeviceKind.Oximeter, samples, true, longer, OnTwoLitres);

        steps.Count(s => s.Role == SampleRole.WarmUp).Should().Be(30);
        steps.Skip(30).Should().OnlyContain(s => s.Role == SampleRole.Continuous);
    }
}
