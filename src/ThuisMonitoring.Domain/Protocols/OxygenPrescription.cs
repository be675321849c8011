namespace ThuisMonitoring.Domain.Protocols;

/// <summary>The oxygen flow the responsible clinician prescribed, in L/min (0 is room air).</summary>
public sealed record OxygenPrescription(double FlowLitresPerMinute)
{
    public bool OnOxygen => FlowLitresPerMinute > 0;
}
