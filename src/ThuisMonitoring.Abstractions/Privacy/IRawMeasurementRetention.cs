using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Abstractions.Privacy;

/// <summary>A store of measurements that thins raw continuous samples past their retention (<see cref="RetentionRule"/>).</summary>
public interface IRawMeasurementRetention
{
    /// <summary>The store, as the purge report names it.</summary>
    string Store { get; }

    /// <summary>
    /// Removes the raw samples of the scope's organisation measured before <paramref name="cutoff"/>, keeping spot
    /// checks and the first sample of each minute. Returns how many samples were removed, per patient.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> ThinRawAsync(RawMeasurementScope scope, DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>The organisations that have measurements in the store (null for measurements of no organisation).</summary>
    Task<IReadOnlyList<string?>> OrganisationsAsync(CancellationToken cancellationToken);
}

/// <summary>Whose samples: those of one organisation (null: of no organisation).</summary>
public sealed record RawMeasurementScope(string? Organisation);
