using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Schedules;

namespace ThuisMonitoring.Domain.Episodes;

/// <summary>
/// One patient's monitoring episode: the enrolment, the oxygen prescription, the last values and the alerts.
/// Every measurement is evaluated against the effective protocol; an ended episode stores but never alerts.
/// </summary>
public sealed class Episode
{
    private readonly AlertBook _alerts;

    public Episode(EpisodeSnapshot snapshot)
    {
        Enrolment = snapshot.Enrolment;
        State = snapshot.State;
        OxygenFlow = snapshot.OxygenFlow;
        LastLevel = snapshot.LastLevel;
        LastMeasurement = snapshot.LastMeasurement;
        LastNews2Score = snapshot.LastNews2Score;
        _alerts = new AlertBook(snapshot.Alerts);
        History = snapshot.History ?? VitalHistory.Empty;
        ConsecutiveMisses = snapshot.ConsecutiveMisses;
        LastDueChecked = snapshot.LastDueChecked;
    }

    public static Episode Start(Enrolment enrolment) => new(new EpisodeSnapshot(
        enrolment, EpisodeState.Monitoring, enrolment.OxygenFlow, Level.Green, null, null, []));

    public Enrolment Enrolment { get; }

    public EpisodeState State { get; private set; }

    public double OxygenFlow { get; private set; }

    public Level LastLevel { get; private set; }

    public Measurement? LastMeasurement { get; private set; }

    public int? LastNews2Score { get; private set; }

    public AlertBook Alerts => _alerts;

    /// <summary>The recent evaluated measurements the trend rules need (baseline, exertion, weaning).</summary>
    public VitalHistory History { get; private set; }

    /// <summary>How many scheduled measurements in a row were missed (0 after one was met).</summary>
    public int ConsecutiveMisses { get; private set; }

    /// <summary>The last due time decided by <see cref="CheckDue"/>, so a reminder that fires twice decides once.</summary>
    public DateTimeOffset? LastDueChecked { get; private set; }

    /// <summary>The measurement schedule of this episode under the protocol.</summary>
    public MeasurementSchedule Schedule(ProtocolDocument protocol) => MeasurementSchedule.For(EffectiveProtocol(protocol), Enrolment);

    public bool IsActive => State is EpisodeState.Monitoring or EpisodeState.Weaning;

    /// <summary>The traffic light: the highest of the last evaluation and any alert not yet resolved.</summary>
    public Level Level
    {
        get
        {
            var level = LastLevel;
            foreach (var alert in _alerts.Active)
            {
                if (alert.Level > level)
                {
                    level = alert.Level;
                }
            }

            return level;
        }
    }

    /// <summary>The protocol with this patient's overrides applied.</summary>
    public ProtocolDocument EffectiveProtocol(ProtocolDocument basis) =>
        Enrolment.Thresholds?.MaxHomeOxygenFlow is { } max ? basis with { MaxHomeOxygenFlow = max } : basis;

    /// <summary>Records a measurement: evaluates it (while the episode is active) and raises or updates alerts.</summary>
    public EpisodeUpdate Record(Measurement measurement, ProtocolDocument protocol, DateTimeOffset now, Func<string> newAlertId)
    {
        if (LastMeasurement is null || measurement.MeasuredAt >= LastMeasurement.MeasuredAt)
        {
            LastMeasurement = measurement;
        }

        if (!IsActive)
        {
            return new EpisodeUpdate(null, [], PatientFeedback.EpisodeEnded);
        }

        var effective = EffectiveProtocol(protocol);
        var evaluation = ProtocolEvaluator.Evaluate(measurement, effective, new OxygenPrescription(OxygenFlow), History);
        History = History.Add(VitalHistory.RecordOf(measurement, OxygenFlow, evaluation.Level), VitalHistory.HorizonOf(effective));
        if (ReferenceEquals(LastMeasurement, measurement))
        {
            LastLevel = evaluation.Level;
            LastNews2Score = evaluation.News2Score;
        }

        var changed = _alerts.Apply(evaluation, Enrolment.PatientId, now, newAlertId);
        return new EpisodeUpdate(evaluation, changed, PatientFeedback.For(evaluation.Level));
    }

    /// <summary>
    /// Applies an evaluation made outside <see cref="Record"/>: the sustained level of a continuous meter, the device
    /// watch (<c>device-silent</c>, <c>battery-low</c>) or a missed measurement. An episode that is not active never alerts.
    /// </summary>
    public EpisodeUpdate Apply(Evaluation evaluation, DateTimeOffset now, Func<string> newAlertId)
    {
        if (!IsActive)
        {
            return new EpisodeUpdate(null, [], PatientFeedback.EpisodeEnded);
        }

        if (evaluation.Measurement.HasContent)
        {
            // Vital signs (a continuous meter's sustained values) set the last level; device and schedule findings only alert.
            LastLevel = evaluation.Level;
            LastNews2Score = evaluation.News2Score;
        }

        var changed = _alerts.Apply(evaluation, Enrolment.PatientId, now, newAlertId);
        return new EpisodeUpdate(evaluation, changed, PatientFeedback.For(Level));
    }

    /// <summary>
    /// Decides whether the measurement due at <paramref name="dueAt"/> was received; call it at or after the end of the
    /// grace period (<see cref="MissedMeasurementRule.DecideAt"/>). A miss raises <c>measurement-missed</c>, red on the
    /// second in a row. Deciding the same or an earlier due time again does nothing; an inactive episode never alerts.
    /// </summary>
    public EpisodeUpdate CheckDue(DateTimeOffset dueAt, ProtocolDocument protocol, DateTimeOffset now, Func<string> newAlertId)
    {
        var effective = EffectiveProtocol(protocol);
        if (!IsActive || (LastDueChecked is { } last && dueAt <= last) || now < MissedMeasurementRule.DecideAt(dueAt, effective.Schedule))
        {
            return new EpisodeUpdate(null, [], IsActive ? PatientFeedback.For(Level) : PatientFeedback.EpisodeEnded);
        }

        var received = History.Records.Select(r => r.MeasuredAt);
        if (LastMeasurement is { } lastMeasurement)
        {
            received = received.Append(lastMeasurement.MeasuredAt);
        }

        var decision = MissedMeasurementRule.Decide(dueAt, received, ConsecutiveMisses, effective);
        ConsecutiveMisses = decision.ConsecutiveMisses;
        LastDueChecked = dueAt;
        if (decision.Evaluation is not { } evaluation)
        {
            return new EpisodeUpdate(null, [], PatientFeedback.For(Level));
        }

        var changed = _alerts.Apply(evaluation, Enrolment.PatientId, now, newAlertId);
        return new EpisodeUpdate(evaluation, changed, PatientFeedback.For(Level));
    }

    public EpisodeSnapshot ToSnapshot() =>
        new(Enrolment, State, OxygenFlow, LastLevel, LastMeasurement, LastNews2Score, _alerts.All.ToList(), History,
            ConsecutiveMisses, LastDueChecked);
}
