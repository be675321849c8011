using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// What a <see cref="PatientMonitor"/> hands out on every 1 Hz sample and that stays the same while nothing changes:
/// the effective protocol, the prescription, the worded feedback and the outcome "only the last values changed".
/// Each is remembered with what it was made from and made again when that changes (issue 14: the steady state of a
/// stream allocates nothing). The values are immutable, so handing out the same instance is the same answer.
/// </summary>
internal sealed class QuietPath
{
    private ProtocolDocument? _basis;
    private ThresholdOverrides? _thresholds;
    private ProtocolDocument? _effective;
    private OxygenPrescription? _prescription;
    private FeedbackTexts? _texts;
    private readonly PatientFeedback?[] _feedback = new PatientFeedback?[3];
    private PatientFeedback? _afterEnd;
    private MonitorOutcome? _outcome;

    /// <summary>The episode's effective protocol (<see cref="Episode.EffectiveProtocol"/>) for <paramref name="basis"/>.</summary>
    public ProtocolDocument Effective(Episode episode, ProtocolDocument basis)
    {
        var thresholds = episode.Enrolment.Thresholds;
        if (_effective is null || !ReferenceEquals(basis, _basis) || !Equals(thresholds, _thresholds))
        {
            _effective = episode.EffectiveProtocol(basis);
            _basis = basis;
            _thresholds = thresholds;
        }

        return _effective;
    }

    /// <summary>The prescription of the current flow.</summary>
    public OxygenPrescription Prescription(double flow)
    {
        if (_prescription is null || !_prescription.FlowLitresPerMinute.Equals(flow))
        {
            _prescription = new OxygenPrescription(flow);
        }

        return _prescription;
    }

    /// <summary>The feedback in the words of the patient's protocol (its <c>feedback</c> section).</summary>
    public PatientFeedback Worded(Level level, Episode episode, ProtocolDocument protocol)
    {
        var texts = protocol.Feedback;
        if (!ReferenceEquals(texts, _texts))
        {
            Array.Clear(_feedback);
            _afterEnd = null;
            _texts = texts;
        }

        if (!episode.IsActive)
        {
            return _afterEnd ??= texts.AfterEnd;
        }

        var index = (int)level;
        if ((uint)index >= (uint)_feedback.Length)
        {
            return texts.For(level);
        }

        return _feedback[index] ??= texts.For(level);
    }

    /// <summary>"Only the last values changed" with <paramref name="feedback"/>: the save may be batched.</summary>
    public MonitorOutcome Outcome(PatientFeedback feedback)
    {
        if (_outcome is null || !ReferenceEquals(_outcome.Feedback, feedback))
        {
            _outcome = new MonitorOutcome([], [], [], feedback, null, MonitorSave.Batch);
        }

        return _outcome;
    }
}
