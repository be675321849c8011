using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>
/// Hosts of one cluster share their signing keys (<c>Auth:SigningKeys</c>): a token issued by one host is accepted by
/// another; a key is rotated by putting a new one first and keeping the old one a while; a host without the key refuses
/// the token; a key that cannot be read stops the start with one line.
/// </summary>
public sealed class SharedSigningKeyTests : IAsyncLifetime
{
    private static readonly string OldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private readonly List<HostProcess> _hosts = [];

    [Fact]
    public async Task A_token_of_one_host_is_accepted_by_another_that_shares_its_key_and_survives_a_rotation()
    {
        var first = await StartAsync(OldKey);
        var second = await StartAsync(OldKey);
        var rotated = await StartAsync(NewKey, OldKey);
        var stranger = await StartAsync(NewKey);
        var token = await first.GetTokenAsync();

        (await StatusWithAsync(second, token)).Should().Be(HttpStatusCode.OK, "the second host shares the key");
        (await StatusWithAsync(rotated, token)).Should().Be(HttpStatusCode.OK, "after a rotation the old key is still accepted");
        (await StatusWithAsync(stranger, token)).Should().Be(HttpStatusCode.Unauthorized, "a host without the key refuses the token");

        var fromRotated = await rotated.GetTokenAsync();
        (await StatusWithAsync(stranger, fromRotated)).Should().Be(HttpStatusCode.OK, "the rotated host signs with the new key");
        (await StatusWithAsync(first, fromRotated)).Should().Be(HttpStatusCode.Unauthorized, "a host that only has the old key refuses the new one");
    }

    [Fact]
    public async Task A_signing_key_that_is_not_base64_stops_the_start_with_one_line()
    {
        var start = () => HostProcess.StartAsync(settings: new Dictionary<string, string> { ["Auth:SigningKeys:0"] = "not a key!" }, readyTimeout: TimeSpan.FromSeconds(20));

        var refusal = (await start.Should().ThrowAsync<InvalidOperationException>()).Which;

        refusal.Message.Should().Contain("exited with code 1").And.Contain("Auth:SigningKeys:0 is not base64").And.NotContain("   at ");
    }

    private async Task<HostProcess> StartAsync(params string[] keys)
    {
        var settings = keys.Select((key, i) => ($"Auth:SigningKeys:{i}", key)).ToDictionary(p => p.Item1, p => p.key);
        var host = await HostProcess.StartAsync(settings: settings);
        _hosts.Add(host);
        return host;
    }

    private static async Task<HttpStatusCode> StatusWithAsync(HostProcess host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/patients");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }
}
