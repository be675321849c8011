using System.Text.Json;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Monitoring;

/// <summary>
/// The patient monitor: one outcome per call, with the rules that used to live in the patient grain (stream
/// dispatch, flags, sensor state, silence de-duplication, notification routing, due-time catch-up, save decisions).
/// Pure calls with explicit times; no clock.
/// </summary>
public sealed class PatientMonitorTests
{
    private const string Meter = "meter-1";
    private const string Clinician = "dr.jansen";
    private const string Anna = "nurse.anna";

    private static readonly DateTimeOffset Start = SpotCheck.MorningRound;
    private static readonly ProtocolDocument Protocol = CovidOxygenProtocol.Default;

    private readonly PatientMonitor _monitor = Enrolled();

    [Fact]
    public void A_red_spot_check_raises_one_alert_saves_now_and_words_the_feedback_from_the_protocol()
    {
        var outcome = _monitor.Record([SpotCheck.Of(spo2: 88, measuredAt: Start)], DeviceKind.PatientApp, "app-1", Protocol, Start);

        outcome.ChangedAlerts.Should().ContainSingle().Which.Level.Should().Be(Level.Red);
        outcome.Save.Should().Be(MonitorSave.Now);
        outcome.Feedback.Should().Be(Protocol.Feedback.For(Level.Red));
        outcome.Flags.Should().BeNull();
        outcome.Notices.Should().BeEmpty();
    }

    [Fact]
    public void A_green_spot_check_changes_only_the_last_values_so_the_save_may_be_batched()
    {
        var outcome = _monitor.Record([SpotCheck.Of(spo2: 97, heartRate: 70, respiratoryRate: 14, measuredAt: Start)], DeviceKind.PatientApp, "app-1", Protocol, Start);

        outcome.ChangedAlerts.Should().BeEmpty();
        outcome.Save.Should().Be(MonitorSave.Batch);
        outcome.Feedback!.Level.Should().Be(Level.Green);
        _monitor.Episode!.LastMeasurement!.Spo2.Should().Be(97);
    }

    [Fact]
    public void The_feedback_follows_the_wording_of_the_patients_protocol()
    {
        var worded = Protocol with { Feedback = Protocol.Feedback with { Green = "Goed zo." } };

        var outcome = _monitor.Record([SpotCheck.Of(spo2: 97, measuredAt: Start)], DeviceKind.PatientApp, "app-1", worded, Start);

        outcome.Feedback.Should().Be(new PatientFeedback(Level.Green, "Goed zo."));
    }

    [Fact]
    public void After_the_episode_ended_a_measurement_is_kept_but_the_patient_is_told_monitoring_ended()
    {
        _monitor.Episode!.Transition(EpisodeState.Ended, Clinician, "hersteld", Start);

        var outcome = _monitor.Record([SpotCheck.Of(spo2: 85, measuredAt: Start)], DeviceKind.PatientApp, "app-1", Protocol, Start);

        outcome.ChangedAlerts.Should().BeEmpty();
        outcome.Feedback.Should().Be(Protocol.Feedback.AfterEnd);
        _monitor.Episode.LastMeasurement!.Spo2.Should().Be(85);
    }

    [Fact]
    public void A_backlog_stream_is_warm_up_then_stream_samples_and_the_warm_up_flags_go_into_the_outcome()
    {
        var outcome = _monitor.Record(Samples(Start, 30, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(30));

        outcome.ChangedAlerts.Should().BeEmpty();
        outcome.Save.Should().Be(MonitorSave.Batch);
        outcome.Flags.Should().NotBeNull();
        outcome.Flags!.DeviceId.Should().Be(Meter);
        outcome.Flags.Samples.Should().HaveCount(10).And.OnlyContain(f => f.Flag == SampleRoleNames.WarmUpFlag && !f.Artefact);
        outcome.Flags.Samples.Select(f => f.MeasuredAt).Should().Equal(Enumerable.Range(0, 10).Select(i => Start.AddSeconds(i)));
        _monitor.ContinuousSampleAt.Should().Be(Start.AddSeconds(29));
    }

    [Fact]
    public void Spo2_88_held_longer_than_the_red_window_in_a_stream_raises_one_red_alert()
    {
        var outcome = _monitor.Record(Samples(Start, 100, spo2: 88), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(100));

        outcome.ChangedAlerts.Should().ContainSingle().Which.Level.Should().Be(Level.Red);
        outcome.Save.Should().Be(MonitorSave.Now);
    }

    [Fact]
    public void Samples_while_the_device_reports_its_sensor_off_are_flagged_as_artefacts_and_never_alert()
    {
        _monitor.Record(Samples(Start, 20, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(20));
        _monitor.DeviceStatus(Meter, null, false, Protocol, Start.AddSeconds(20)).Should().Be(MonitorOutcome.Nothing);

        var outcome = _monitor.Record(Samples(Start.AddSeconds(20), 120, spo2: 80), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(140));

        outcome.ChangedAlerts.Should().BeEmpty();
        outcome.Flags!.Samples.Should().HaveCount(120).And.OnlyContain(f => f.Flag == ArtefactKind.SensorOff.ToCode() && f.Artefact);
        _monitor.Devices.SensorOn(Meter).Should().BeFalse();
        _monitor.Devices.SensorOn("meter-2").Should().BeTrue("a device that never reported counts as on");
    }

    [Fact]
    public void The_sensor_state_a_device_reports_before_enrolment_holds_for_its_first_samples()
    {
        var monitor = new PatientMonitor(newId: Ids());
        monitor.DeviceStatus(Meter, 80, false, Protocol, Start).Should().Be(MonitorOutcome.Nothing, "there is no episode to alert in yet");
        monitor.Enrol(Enrolment());

        var outcome = monitor.Record(Samples(Start, 30, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(30));

        outcome.Flags!.Samples.Skip(10).Should().OnlyContain(f => f.Flag == ArtefactKind.SensorOff.ToCode());
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(14, true)]
    [InlineData(15, false)]
    [InlineData(80, false)]
    public void A_battery_below_the_protocols_percentage_raises_battery_low_and_saves_now(int percent, bool raised)
    {
        var outcome = _monitor.DeviceStatus(Meter, percent, null, Protocol, Start);

        if (raised)
        {
            outcome.ChangedAlerts.Should().ContainSingle().Which.Reasons.Should().Contain(ReasonCodes.BatteryLow);
            outcome.Save.Should().Be(MonitorSave.Now);
        }
        else
        {
            outcome.Should().Be(MonitorOutcome.Nothing);
        }
    }

    [Fact]
    public void A_silent_meter_raises_device_silent_once_per_silence()
    {
        _monitor.Record(Samples(Start, 30, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(30));
        var silentAt = Start.AddSeconds(29) + Protocol.Continuous.DeviceSilentAfter;

        var first = _monitor.Tick(Protocol, silentAt);
        var again = _monitor.Tick(Protocol, silentAt.AddMinutes(1));

        first.ChangedAlerts.Should().ContainSingle().Which.Reasons.Should().Contain(ReasonCodes.DeviceSilent);
        first.Save.Should().Be(MonitorSave.Now);
        again.ChangedAlerts.Should().BeEmpty("the same silence is reported once");
        again.Save.Should().Be(MonitorSave.None);
    }

    [Fact]
    public void Before_the_silence_time_the_tick_raises_nothing_and_saves_nothing()
    {
        _monitor.Record(Samples(Start, 30, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(30));

        var outcome = _monitor.Tick(Protocol, Start.AddSeconds(29) + Protocol.Continuous.DeviceSilentAfter - TimeSpan.FromSeconds(1));

        outcome.ChangedAlerts.Should().BeEmpty();
        outcome.Save.Should().Be(MonitorSave.None);
        outcome.EndsWatch.Should().BeFalse();
    }

    [Fact]
    public void After_the_meter_streams_again_a_new_silence_is_reported_again()
    {
        _monitor.Record(Samples(Start, 30, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(30));
        var silentAt = Start.AddSeconds(29) + Protocol.Continuous.DeviceSilentAfter;
        var first = _monitor.Tick(Protocol, silentAt).ChangedAlerts.Single();

        var back = silentAt.AddMinutes(1);
        _monitor.Record(Samples(back, 5, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, back.AddSeconds(5));
        var second = _monitor.Tick(Protocol, back.AddSeconds(4) + Protocol.Continuous.DeviceSilentAfter);

        second.ChangedAlerts.Should().ContainSingle().Which.AlertId.Should().Be(first.AlertId, "the open alert counts the new silence");
        second.ChangedAlerts[0].Count.Should().Be(2);
    }

    [Fact]
    public void The_silence_watch_starts_from_the_saved_last_sample_after_a_restart()
    {
        _monitor.Record(Samples(Start, 30, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(30));
        var restarted = Restarted(_monitor);

        var outcome = restarted.Tick(Protocol, Start.AddSeconds(29) + Protocol.Continuous.DeviceSilentAfter);

        outcome.ChangedAlerts.Should().ContainSingle().Which.Reasons.Should().Contain(ReasonCodes.DeviceSilent);
    }

    [Fact]
    public void A_tick_after_the_grace_period_of_a_due_measurement_raises_measurement_missed_and_saves()
    {
        var grace = Protocol.Schedule.Grace;

        var before = _monitor.Tick(Protocol, Start + grace - TimeSpan.FromMinutes(1));
        var after = _monitor.Tick(Protocol, Start + grace);

        before.Save.Should().Be(MonitorSave.None);
        after.ChangedAlerts.Should().ContainSingle().Which.Reasons.Should().Contain(ReasonCodes.MeasurementMissed);
        after.Save.Should().Be(MonitorSave.Now);
        _monitor.Episode!.LastDueChecked.Should().Be(Start);
    }

    [Fact]
    public void After_weeks_without_a_tick_only_the_newest_due_times_are_decided()
    {
        var monthLater = Start.AddDays(30);

        var outcome = _monitor.Tick(Protocol, monthLater);

        outcome.Save.Should().Be(MonitorSave.Now);
        _monitor.Episode!.ConsecutiveMisses.Should().Be(PatientMonitor.DueCatchUpLimit);
        _monitor.Episode.LastDueChecked.Should().BeOnOrBefore(monthLater);
        _monitor.Tick(Protocol, monthLater).Save.Should().Be(MonitorSave.None, "what was decided is not decided again");
    }

    [Fact]
    public void A_tick_of_an_episode_that_is_no_longer_active_ends_the_watch()
    {
        _monitor.NeedsWatch.Should().BeTrue();
        _monitor.Episode!.Transition(EpisodeState.Ended, Clinician, "hersteld", Start);

        var outcome = _monitor.Tick(Protocol, Start.AddHours(2));

        outcome.EndsWatch.Should().BeTrue();
        outcome.ChangedAlerts.Should().BeEmpty();
        _monitor.NeedsWatch.Should().BeFalse();
        new PatientMonitor().Tick(Protocol, Start).EndsWatch.Should().BeTrue("no episode, no watch");
    }

    [Theory]
    [InlineData(CallOutcome.Escalated, Notice.Escalation)]
    [InlineData(CallOutcome.EmergencyReferral, Notice.EmergencyReferral)]
    public void An_escalating_call_notifies_the_responsible_clinician(CallOutcome callOutcome, string kind)
    {
        var alertId = RaiseRed();

        var outcome = _monitor.RecordCall(alertId, new CallReport(Anna, callOutcome, "benauwd", []), Protocol, Start.AddMinutes(3));

        outcome.ChangedAlerts.Should().ContainSingle().Which.AlertId.Should().Be(alertId);
        outcome.Save.Should().Be(MonitorSave.Now);
        outcome.Notices.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Kind = kind,
            Recipient = Clinician,
            By = Anna,
            Note = "benauwd",
            At = Start.AddMinutes(3),
        });
        outcome.Notices[0].Alert.AlertId.Should().Be(alertId);
    }

    [Theory]
    [InlineData(CallOutcome.ResolvedAtHome)]
    [InlineData(CallOutcome.Remeasure)]
    [InlineData(CallOutcome.Unreachable)]
    public void A_call_that_does_not_escalate_notifies_nobody(CallOutcome callOutcome)
    {
        var alertId = RaiseRed();

        var outcome = _monitor.RecordCall(alertId, new CallReport(Anna, callOutcome, null, []), Protocol, Start.AddMinutes(3));

        outcome.Notices.Should().BeEmpty();
        outcome.Save.Should().Be(MonitorSave.Now);
    }

    [Fact]
    public void After_a_handover_escalations_go_to_the_new_responsible_clinician()
    {
        var episode = _monitor.Episode!;
        episode.RequestHandover("h-1", Clinician, "dr.bakker", null, Start);
        episode.DecideHandover("h-1", true, "dr.bakker", null, Start);
        var alertId = RaiseRed();

        var outcome = _monitor.RecordCall(alertId, new CallReport(Anna, CallOutcome.Escalated, null, []), Protocol, Start.AddMinutes(3));

        outcome.Notices.Should().ContainSingle().Which.Recipient.Should().Be("dr.bakker");
    }

    [Fact]
    public void An_unclaimed_red_alert_is_raised_again_to_the_shift_lead_after_five_minutes()
    {
        var alertId = RaiseRed();

        var early = _monitor.ReEscalate(Protocol, Start.AddMinutes(4));
        var outcome = _monitor.ReEscalate(Protocol, Start.AddMinutes(5));

        early.Should().Be(MonitorOutcome.Nothing);
        outcome.ReEscalated.Should().ContainSingle().Which.AlertId.Should().Be(alertId);
        outcome.ChangedAlerts.Should().BeEmpty("re-escalated alerts are published once, as re-escalated");
        outcome.Notices.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Kind = Notice.ReEscalation,
            Recipient = Notice.ShiftLead,
            By = (string?)null,
            Note = (string?)null,
            At = Start.AddMinutes(5),
        });
        outcome.Save.Should().Be(MonitorSave.Now);
    }

    [Fact]
    public void Re_escalating_before_enrolment_does_nothing()
    {
        new PatientMonitor().ReEscalate(Protocol, Start).Should().Be(MonitorOutcome.Nothing);
    }

    [Fact]
    public void A_patients_call_request_raises_an_orange_call_requested_alert_and_saves()
    {
        var outcome = _monitor.RequestCall("Ik voel me slechter", Protocol, Start);

        outcome.ChangedAlerts.Should().ContainSingle().Which.Reasons.Should().Contain(ReasonCodes.CallRequested);
        outcome.ChangedAlerts[0].Level.Should().Be(Level.Orange);
        outcome.Save.Should().Be(MonitorSave.Now);
    }

    [Fact]
    public void Enrolling_twice_is_refused()
    {
        var enrol = () => _monitor.Enrol(Enrolment());

        enrol.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void A_monitor_loaded_from_its_saved_state_continues_the_streams_where_they_were()
    {
        _monitor.Record(Samples(Start, 60, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(60));
        var restarted = Restarted(_monitor);

        var outcome = restarted.Record(Samples(Start.AddSeconds(60), 5, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(65));

        outcome.Flags.Should().BeNull("no warm-up: the stream did not stop");
        restarted.ContinuousSampleAt.Should().Be(Start.AddSeconds(64));
    }

    [Fact]
    public void A_monitor_whose_streams_were_not_touched_saves_them_as_it_loaded_them()
    {
        _monitor.Record(Samples(Start, 60, spo2: 96), DeviceKind.Oximeter, Meter, Protocol, Start.AddSeconds(60));
        var saved = _monitor.StreamsState;

        var restarted = new PatientMonitor(_monitor.Episode!.ToSnapshot(), saved, _monitor.ContinuousSampleAt);

        restarted.StreamsState.Should().BeSameAs(saved);
        restarted.ContinuousSampleAt.Should().Be(Start.AddSeconds(59));
    }

    private string RaiseRed() =>
        _monitor.Record([SpotCheck.Of(spo2: 88, measuredAt: Start)], DeviceKind.PatientApp, "app-1", Protocol, Start).ChangedAlerts.Single().AlertId;

    /// <summary>Through JSON, as the grain storage saves it.</summary>
    private static PatientMonitor Restarted(PatientMonitor monitor)
    {
        var snapshot = JsonSerializer.Deserialize<EpisodeSnapshot>(JsonSerializer.Serialize(monitor.Episode!.ToSnapshot()));
        var streams = JsonSerializer.Deserialize<ContinuousStreamsState>(JsonSerializer.Serialize(monitor.StreamsState));
        return new PatientMonitor(snapshot, streams, monitor.ContinuousSampleAt);
    }

    private static PatientMonitor Enrolled()
    {
        var monitor = new PatientMonitor(newId: Ids());
        monitor.Enrol(Enrolment());
        return monitor;
    }

    private static Enrolment Enrolment() =>
        new("patient-1", Pathway.GeneralPractice, Clinician, null, 2.0, null, Start.AddHours(-1));

    private static Func<string> Ids()
    {
        var next = 0;
        return () => $"id-{++next}";
    }

    private static List<Measurement> Samples(DateTimeOffset from, int count, int spo2) =>
        [.. Enumerable.Range(0, count).Select(i => new Measurement(from.AddSeconds(i), Spo2: spo2, HeartRate: 80, PerfusionIndex: 2.0))];
}
