using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Abstractions.Privacy;

/// <summary>The durable register of erasure requests (kept after the erasure: who asked, who approved, when).</summary>
public interface IErasureRegister
{
    /// <summary>Stores the request, or replaces the stored one with the same id.</summary>
    Task SaveAsync(ErasureRequest request, CancellationToken cancellationToken);

    Task<ErasureRequest?> GetAsync(string erasureId, CancellationToken cancellationToken);

    /// <summary>Every request, newest first.</summary>
    Task<IReadOnlyList<ErasureRequest>> ListAsync(CancellationToken cancellationToken);
}
