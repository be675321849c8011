using System.Collections.Concurrent;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// The patients whose grain is active on this silo. A host that stops gracefully asks each of them to save its
/// episode (<see cref="Contracts.IPatientGrain.SaveLastValues"/>) before the silo stops; only this silo's, so in a
/// cluster a stopping host does not call into the others.
/// </summary>
public sealed class ActivePatients
{
    private readonly ConcurrentDictionary<string, byte> _patients = new(StringComparer.Ordinal);

    public int Count => _patients.Count;

    internal void Activated(string patientId) => _patients.TryAdd(patientId, 0);

    internal void Deactivated(string patientId) => _patients.TryRemove(patientId, out _);

    /// <summary>The patients active at this moment.</summary>
    public IReadOnlyList<string> Snapshot() => [.. _patients.Keys];
}
