using System.Text.Json;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Storage;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>
/// A patient grain's state saved before issue 14's bounded snapshot (the history as one object per record, each
/// advice with every record of its evidence, the streams' windows one object per sample), in the stores' JSON: it still
/// loads, the monitor carries on from it, and it saves in today's form (history and windows by column, evidence as a
/// summary), which reads back the same.
/// </summary>
public sealed class SavedStateBeforeIssue14Tests
{
    // As the code before saved it (StoredJson: camelCase, enums as kebab-case codes), abridged to two records.
    private const string Saved = """
        {"snapshot":{"enrolment":{"patientId":"p-old","pathway":"early-discharge","responsibleClinician":"dr-old","organisation":"org-old","oxygenFlow":2,"thresholds":null,"enrolledAt":"2026-11-01T08:00:00+00:00"},
        "state":"monitoring","oxygenFlow":2,"lastLevel":"green",
        "lastMeasurement":{"measuredAt":"2026-11-02T08:01:00+00:00","spo2":95,"heartRate":78,"respiratoryRate":16,"oxygenFlow":null,"temperature":null,"perfusionIndex":2.5,"feeling":null,"exertion":false,"messageId":null,"hasContent":true},
        "lastNews2Score":2,"alerts":[],
        "history":{"records":[
          {"measuredAt":"2026-11-02T08:00:00+00:00","spo2":96,"respiratoryRate":15,"heartRate":76,"oxygenFlow":2,"exertion":false,"level":"green"},
          {"measuredAt":"2026-11-02T08:01:00+01:00","spo2":94,"respiratoryRate":17,"heartRate":81,"oxygenFlow":2,"exertion":true,"level":"orange"}]},
        "consecutiveMisses":0,"lastDueChecked":null,"oxygenFlowSince":"2026-11-01T08:00:00+00:00","previousOxygenFlow":null,
        "advice":[{"adviceId":"a-1","kind":"lower-oxygen-flow","reason":"stable-on-current-flow","summary":"Stable on 2 L/min for 24 h: advise lowering to 1.5 L/min; re-measure after 20 minutes.",
          "evidence":[
            {"measuredAt":"2026-11-02T07:00:00+00:00","spo2":96,"respiratoryRate":15,"heartRate":76,"oxygenFlow":2,"exertion":false,"level":"green"},
            {"measuredAt":"2026-11-02T07:59:00+00:00","spo2":94,"respiratoryRate":18,"heartRate":84,"oxygenFlow":2,"exertion":false,"level":"green"},
            {"measuredAt":"2026-11-02T07:30:00+00:00","spo2":95,"respiratoryRate":null,"heartRate":70,"oxygenFlow":2,"exertion":true,"level":"green"}],
          "proposedFlow":1.5,"proposedAt":"2026-11-02T08:00:00+00:00","status":"proposed","decidedBy":null,"decidedAt":null,"note":null},
          {"adviceId":"a-2","kind":"responsibility-review","reason":"responsibility-review","summary":"Day 10","evidence":[],
          "proposedFlow":null,"proposedAt":"2026-11-11T08:00:00+00:00","status":"proposed","decidedBy":null,"decidedAt":null,"note":null}],
        "transitions":[],"eligibility":null,"timeline":[],"handovers":[],"unstoredTimeline":null},
        "protocolLayer":null,"continuousSampleAt":null,"streams":null}
        """;

    // A 1 Hz oximeter's streams as the code before saved them (each window one object per sample), abridged to 3 samples.
    private const string SavedStreams = """
        {"devices":[{"deviceId":"oximeter-1","streams":true,"lastAt":"2026-11-01T09:00:00+00:00","streamStart":"2026-11-01T08:00:01+00:00","evaluation":{"protocolId":"covid-oxygen@1","lastSampleAt":"2026-11-01T09:00:00+00:00","recent":[{"at":"2026-11-01T08:59:58+00:00","spo2":96,"heartRate":81,"respiratoryRate":16,"perfusionIndex":2.5,"sensorOn":true},{"at":"2026-11-01T08:59:59+00:00","spo2":96,"heartRate":79,"respiratoryRate":15,"perfusionIndex":2.5,"sensorOn":true},{"at":"2026-11-01T09:00:00+00:00","spo2":94,"heartRate":74,"respiratoryRate":15,"perfusionIndex":2.5,"sensorOn":true}],"filter":{"held":[],"recent":[{"at":"2026-11-01T08:59:57+00:00","spo2":94,"heartRate":76,"respiratoryRate":17,"perfusionIndex":2.5,"sensorOn":true},{"at":"2026-11-01T08:59:58+00:00","spo2":96,"heartRate":81,"respiratoryRate":16,"perfusionIndex":2.5,"sensorOn":true},{"at":"2026-11-01T08:59:59+00:00","spo2":96,"heartRate":79,"respiratoryRate":15,"perfusionIndex":2.5,"sensorOn":true},{"at":"2026-11-01T09:00:00+00:00","spo2":94,"heartRate":74,"respiratoryRate":15,"perfusionIndex":2.5,"sensorOn":true}],"jumpBase":0,"jumpStart":"0001-01-01T00:00:00+00:00"},"holds":[{"parameter":"spo2","orangeSince":null,"redSince":null,"lastAt":"2026-11-01T09:00:00+00:00","latestOrange":null,"latestRed":null,"level":{"level":"green","finding":null,"belowSince":[null,"2026-11-01T08:00:11+00:00","2026-11-01T08:00:11+00:00"],"latestFindings":[null,null,null]}},{"parameter":"heartRate","orangeSince":null,"redSince":null,"lastAt":"2026-11-01T09:00:00+00:00","latestOrange":null,"latestRed":null,"level":{"level":"green","finding":null,"belowSince":[null,"2026-11-01T08:00:11+00:00","2026-11-01T08:00:11+00:00"],"latestFindings":[null,null,null]}},{"parameter":"respiratoryRate","orangeSince":null,"redSince":null,"lastAt":"2026-11-01T09:00:00+00:00","latestOrange":null,"latestRed":null,"level":{"level":"green","finding":null,"belowSince":[null,"2026-11-01T08:00:11+00:00","2026-11-01T08:00:11+00:00"],"latestFindings":[null,null,null]}},{"parameter":"news2","orangeSince":null,"redSince":null,"lastAt":"2026-11-01T09:00:00+00:00","latestOrange":null,"latestRed":null,"level":{"level":"green","finding":null,"belowSince":[null,"2026-11-01T08:00:11+00:00","2026-11-01T08:00:11+00:00"],"latestFindings":[null,null,null]}}]}}]}
        """;

    [Fact]
    public void A_state_saved_before_loads_carries_on_and_saves_in_todays_form()
    {
        var state = JsonSerializer.Deserialize<PatientGrainState>(Saved, StoredJson.Options)!;
        var monitor = new PatientMonitor(state.Snapshot, state.Streams, state.ContinuousSampleAt, () => "id-new");
        var episode = monitor.Episode!;

        episode.History.Records.Should().HaveCount(2);
        episode.History.Records[1].MeasuredAt.Should().Be(DateTimeOffset.Parse("2026-11-02T08:01:00+01:00"));
        episode.History.Records[1].Exertion.Should().BeTrue();
        episode.History.Records[1].Level.Should().Be(Level.Orange);
        var weaning = episode.Advice[0].Evidence;
        weaning.Count.Should().Be(3);
        weaning.From.Should().Be(DateTimeOffset.Parse("2026-11-02T07:00:00+00:00"));
        weaning.To.Should().Be(DateTimeOffset.Parse("2026-11-02T07:59:00+00:00"));
        weaning.Spo2.Should().Be(new ValueRange(94, 96));
        weaning.RespiratoryRate.Should().Be(new ValueRange(15, 18));
        weaning.HeartRate.Should().Be(new ValueRange(70, 84));
        weaning.OxygenFlow.Should().Be(new ValueRange(2, 2));
        weaning.HighestLevel.Should().Be(Level.Green);
        weaning.OnExertion.Should().Be(1);
        episode.Advice[1].Evidence.Should().Be(AdviceEvidence.None);

        // The monitor carries on from it: a spot check joins the loaded history.
        var outcome = monitor.Record(
            [new Measurement(DateTimeOffset.Parse("2026-11-02T09:00:00+00:00"), Spo2: 95, HeartRate: 80, RespiratoryRate: 16)],
            DeviceKind.PatientApp, "app-1", CovidOxygenProtocol.Default, DateTimeOffset.Parse("2026-11-02T09:00:05+00:00"));
        outcome.Feedback.Should().NotBeNull();
        episode.History.Records.Should().HaveCount(3);

        var again = JsonSerializer.Serialize(state with { Snapshot = episode.ToSnapshot() }, StoredJson.Options);
        again.Should().Contain("\"history\":{\"from\":").And.NotContain("\"records\":");
        var reloaded = JsonSerializer.Deserialize<PatientGrainState>(again, StoredJson.Options)!;
        reloaded.Snapshot!.History!.Records.Should().Equal(episode.History.Records);
        reloaded.Snapshot.Advice.Should().Equal(episode.Advice);
        JsonSerializer.Serialize(reloaded, StoredJson.Options).Should().Be(again);
    }

    [Fact]
    public void Streams_saved_before_load_carry_on_and_save_their_windows_by_column()
    {
        var state = JsonSerializer.Deserialize<PatientGrainState>(Saved, StoredJson.Options)! with
        {
            Streams = JsonSerializer.Deserialize<ContinuousStreamsState>(SavedStreams, StoredJson.Options),
            ContinuousSampleAt = DateTimeOffset.Parse("2026-11-01T09:00:00+00:00"),
        };
        var before = state.Streams!.Devices.Single().Evaluation!;
        before.Recent.Select(s => s.Spo2).Should().Equal(96, 96, 94);
        before.Recent[2].At.Should().Be(DateTimeOffset.Parse("2026-11-01T09:00:00+00:00"));
        before.Filter.Recent.Should().HaveCount(4).And.OnlyContain(s => s.SensorOn && s.PerfusionIndex == 2.5);
        var monitor = new PatientMonitor(state.Snapshot, state.Streams, state.ContinuousSampleAt, () => "id-new");

        // The stream carries on: the next second's sample is a stream sample of the window it loaded.
        monitor.Record(
            [new Measurement(DateTimeOffset.Parse("2026-11-01T09:00:01+00:00"), Spo2: 95, HeartRate: 77, RespiratoryRate: 16, PerfusionIndex: 2.5)],
            DeviceKind.Oximeter, "oximeter-1", CovidOxygenProtocol.Default, DateTimeOffset.Parse("2026-11-01T09:00:02+00:00"));
        var after = monitor.StreamsState!.Devices.Single().Evaluation!;
        after.Recent.Should().StartWith(before.Recent).And.HaveCount(4);

        var again = JsonSerializer.Serialize(state with { Streams = monitor.StreamsState }, StoredJson.Options);
        again.Should().Contain("\"recent\":{\"from\":\"2026-11-01T08:59:58+00:00\",\"seconds\":[0,1,1,1],\"spo2\":[96,96,94,95],");
        var reloaded = JsonSerializer.Deserialize<PatientGrainState>(again, StoredJson.Options)!;
        reloaded.Streams!.Devices.Single().Evaluation!.Recent.Should().Equal(after.Recent);
        reloaded.Streams.Devices.Single().Evaluation!.Filter.Recent.Should().Equal(after.Filter.Recent);
        JsonSerializer.Serialize(reloaded, StoredJson.Options).Should().Be(again);
    }
}
