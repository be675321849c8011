using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>Pairing codes of patient apps, for the embedded file and for the cluster's PostgreSQL: redeemed once, within their lifetime.</summary>
public abstract class PairingCodesContract(IStoreSite site) : StoreContract(site)
{
    private static readonly DateTimeOffset Issued = Ward.MorningRound;

    [Fact]
    public async Task A_code_is_redeemed_once_within_its_lifetime_also_after_a_restart()
    {
        var grant = Grant("hash-1");
        await using (var stores = await OpenAsync())
        {
            await stores.PairingCodes.AddAsync(grant, default);
        }

        await using var restarted = await OpenAsync();
        (await restarted.PairingCodes.RedeemAsync("hash-1", Issued.AddMinutes(5), default)).Should().Be(grant);
        (await restarted.PairingCodes.RedeemAsync("hash-1", Issued.AddMinutes(6), default)).Should().BeNull("a code is used once");
    }

    [Fact]
    public async Task An_expired_or_unknown_code_is_refused()
    {
        await using var stores = await OpenAsync();
        await stores.PairingCodes.AddAsync(Grant("hash-1"), default);

        (await stores.PairingCodes.RedeemAsync("hash-1", Issued.AddMinutes(15), default)).Should().BeNull("the code expired at its end");
        (await stores.PairingCodes.RedeemAsync("hash-unknown", Issued, default)).Should().BeNull();
    }

    [Fact]
    public async Task Of_many_redemptions_at_once_exactly_one_gets_the_device()
    {
        await using var stores = await OpenAsync();
        await stores.PairingCodes.AddAsync(Grant("hash-1"), default);

        var redeemed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => stores.PairingCodes.RedeemAsync("hash-1", Issued.AddMinutes(1), default)));

        redeemed.Count(g => g is not null).Should().Be(1);
    }

    [Fact]
    public async Task Codes_stale_for_a_day_are_dropped_when_a_new_one_is_issued()
    {
        await using var stores = await OpenAsync();
        await stores.PairingCodes.AddAsync(Grant("hash-old"), default);

        await stores.PairingCodes.AddAsync(Grant("hash-new", Issued.AddDays(2)), default);

        (await stores.PairingCodes.RedeemAsync("hash-new", Issued.AddDays(2).AddMinutes(1), default)).Should().NotBeNull();
        (await stores.PairingCodes.RedeemAsync("hash-old", Issued.AddMinutes(1), default)).Should().BeNull("its row was dropped");
    }

    [Fact]
    public async Task Erasing_a_patient_removes_their_codes()
    {
        await using var stores = await OpenAsync();
        await stores.PairingCodes.AddAsync(Grant("hash-1"), default);
        await stores.PairingCodes.AddAsync(Grant("hash-2", deviceId: "app-002") with { PatientId = "p-002" }, default);

        await PatientErasure.DirectoryOf(stores).EraseAsync("p-001", default);

        (await stores.PairingCodes.RedeemAsync("hash-1", Issued.AddMinutes(1), default)).Should().BeNull();
        (await stores.PairingCodes.RedeemAsync("hash-2", Issued.AddMinutes(1), default)).Should().NotBeNull("another patient's code stays");
    }

    internal static PairingGrant Grant(string hash, DateTimeOffset? issuedAt = null, string deviceId = "app-001") =>
        new(hash, deviceId, "p-001", issuedAt ?? Issued, (issuedAt ?? Issued).AddMinutes(15));
}

public sealed class SqlitePairingCodesTests() : PairingCodesContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresPairingCodesTests(PostgresCluster cluster) : PairingCodesContract(new PostgresSite(cluster));
