using System.Text.Json;
using System.Text.Json.Serialization;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Episodes;

/// <summary>
/// The domain crosses grain calls and is stored as System.Text.Json (web defaults, enums as kebab-case codes, as the
/// storage does): a snapshot with every new part, and a protocol document, must come back the same.
/// </summary>
public sealed class SnapshotJsonTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    [Fact]
    public void A_snapshot_with_history_advice_transitions_misses_and_eligibility_round_trips()
    {
        var start = SpotCheck.MorningRound;
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.EarlyDischarge, "dr.jansen", "rijnstad", 2.0, null, start));
        for (var hours = 0; hours <= 24; hours += 6)
        {
            episode.Record(SpotCheck.Of(spo2: 96, respiratoryRate: 16, measuredAt: start.AddHours(hours)), CovidOxygenProtocol.Default, start.AddHours(hours), () => "a-1");
        }

        episode.Advise(CovidOxygenProtocol.Default, start.AddHours(24), () => "advice-1");
        episode.CheckDue(start.AddHours(30), CovidOxygenProtocol.Default, start.AddHours(31), () => "a-2");
        episode.Apply(DeviceRules.CheckBattery(10, start.AddHours(31), CovidOxygenProtocol.Default)!, start.AddHours(31), () => "a-3");
        episode.RecordEligibility(EligibilityCheck.Check(
            new EligibilityRequest(Pathway.EarlyDischarge, [SpotCheck.Of(spo2: 95, measuredAt: start)], 2.0, start), CovidOxygenProtocol.Default));
        episode.ChangeOxygenFlow(1.5, start.AddHours(32));
        episode.Transition(EpisodeState.Weaning, "dr.jansen", "advice accepted", start.AddHours(32));
        var snapshot = episode.ToSnapshot();

        var json = JsonSerializer.Serialize(snapshot, Options);
        var read = JsonSerializer.Deserialize<EpisodeSnapshot>(json, Options)!;

        read.Should().BeEquivalentTo(snapshot);
        new Episode(read).ToSnapshot().Should().BeEquivalentTo(snapshot);
        json.Should().Contain("\"state\":\"weaning\"").And.Contain("\"kind\":\"lower-oxygen-flow\"");
    }

    [Fact]
    public void A_snapshot_stored_before_the_new_fields_still_reads()
    {
        const string Old = """
            {"enrolment":{"patientId":"p-1","pathway":"general-practice","responsibleClinician":"dr.jansen","organisation":null,
             "oxygenFlow":1.0,"thresholds":null,"enrolledAt":"2021-12-13T08:00:00+01:00"},
             "state":"monitoring","oxygenFlow":1.0,"lastLevel":"green","lastMeasurement":null,"lastNews2Score":null,"alerts":[]}
            """;

        var episode = new Episode(JsonSerializer.Deserialize<EpisodeSnapshot>(Old, Options)!);

        episode.History.Records.Should().BeEmpty();
        episode.Advice.Should().BeEmpty();
        episode.Transitions.Should().BeEmpty();
        episode.OxygenFlowSince.Should().Be(episode.Enrolment.EnrolledAt);
        episode.ConsecutiveMisses.Should().Be(0);
    }

    [Fact]
    public void A_protocol_document_round_trips()
    {
        var layered = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, """{"layer":"patient","version":"2","weaning":{"spo2AtLeast":95}}""");

        var read = JsonSerializer.Deserialize<ProtocolDocument>(JsonSerializer.Serialize(layered, Options), Options);

        read.Should().Be(layered);
        read!.Id.Should().Be("covid-oxygen@1+patient@2");
    }
}
