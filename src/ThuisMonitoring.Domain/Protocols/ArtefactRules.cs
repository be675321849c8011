namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// When a continuous sample is an artefact: sensor off, perfusion index below <see cref="MinimumPerfusionIndex"/>,
/// or an SpO2 jump of more than <see cref="JumpPoints"/> within <see cref="JumpWithin"/> that reverses within
/// <see cref="ReversalWithin"/>. Artefacts are stored and flagged, never evaluated alone.
/// </summary>
public sealed record ArtefactRules(double MinimumPerfusionIndex, int JumpPoints, TimeSpan JumpWithin, TimeSpan ReversalWithin);
