using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Audit;
using ThuisMonitoring.IntegrationTests.Calls;
using ThuisMonitoring.IntegrationTests.Capacity;
using ThuisMonitoring.IntegrationTests.Clinicians;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Cluster;

/// <summary>
/// The consoles of a cluster are one audience (two real hosts on a real PostgreSQL, <see cref="HostCluster"/>): a nurse
/// with a console open on host 1 is on shift on host 2's capacity board, counted once when she has a console on
/// both, and no longer once she closed it or her host was killed; a handover requested through host 2 reaches the
/// receiver's console on host 1, and its decision through host 1 the sender's console on host 2; a user disabled
/// through host 2 loses her console and her token on host 1, and signs in there again once enabled.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ClusterConsoleTests(PostgresClusterServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_nurse_with_a_console_on_host_1_is_on_shift_on_host_2_until_she_closes_it_or_host_1_dies()
    {
        await using var cluster = await HostCluster.StartAsync(postgres.Server, "presence", 2, output);
        using var ward = await Ward.OpenAsync(cluster[0]);
        var nurse = await ward.HireAsync("nurse");
        var colleague = await ward.HireAsync("nurse");
        using var admin2 = await cluster[1].LoginAsync();
        Task<CapacityView> BoardOnHost2Shows(Func<CapacityView, bool> holds, string what) => Eventually.GetAsync(
            async () => (await admin2.GetFromJsonAsync<CapacityView>("/api/capacity?centre=" + Uri.EscapeDataString(ward.Centre)))!, holds, Deadline, what);
        (await BoardOnHost2Shows(_ => true, "the board")).NursesOnShift.Should().Be(0);

        // Another console on host 2 hears that the board changed when the nurse signs in on host 1.
        await using var board = await ConnectAsync(cluster[1], "admin", HostProcess.AdminPassword);
        var nudges = 0;
        board.On("capacityChanged", () => Interlocked.Increment(ref nudges));
        await using (var onHost1 = await ConnectAsync(cluster[0], nurse.Username, nurse.Password))
        {
            await BoardOnHost2Shows(b => b.NursesOnShift == 1, "the nurse connected to host 1 on shift on host 2");
            await Eventually.GetAsync(() => Task.FromResult(Volatile.Read(ref nudges)), n => n > 0, Deadline, "capacityChanged on host 2");

            await using (var colleagueOnHost2 = await ConnectAsync(cluster[1], colleague.Username, colleague.Password))
            {
                await BoardOnHost2Shows(b => b.NursesOnShift == 2, "the colleague on host 2 on shift too");

                // Once host 2 has recorded her second join, she is in its own sessions: the board counts her once.
                await using var onHost2 = await ConnectAsync(cluster[1], nurse.Username, nurse.Password);
                await JoinedAsync(admin2, nurse.Username, times: 2);
                (await BoardOnHost2Shows(_ => true, "the board")).NursesOnShift.Should().Be(2, "a nurse with consoles on two hosts counts once");
            }

            await BoardOnHost2Shows(b => b.NursesOnShift == 1, "the colleague gone; the nurse still on shift through host 1");
        }

        await BoardOnHost2Shows(b => b.NursesOnShift == 0, "the nurse closed her console on host 1");

        // A console on a host that is killed stops counting (the killed host says no bye; its announcements run out).
        var again = await ConnectAsync(cluster[0], nurse.Username, nurse.Password);
        await BoardOnHost2Shows(b => b.NursesOnShift == 1, "the nurse on host 1 again");
        cluster.Kill(0);
        await BoardOnHost2Shows(b => b.NursesOnShift == 0, "host 1 killed: its console no longer counts on host 2");
        await again.DisposeAsync();
    }

    [Fact]
    public async Task A_handover_requested_through_host_2_reaches_the_receivers_console_on_host_1_and_its_decision_the_senders_on_host_2()
    {
        await using var cluster = await HostCluster.StartAsync(postgres.Server, "handover_push", 2, output);
        using var ward = await Ward.OpenAsync(cluster[0]);
        var patient = await ward.AdmitAsync();
        var receiver = await ward.HireAsync("clinician");
        var bystander = await ward.HireAsync("clinician");

        var atReceiver = new ConcurrentQueue<JsonElement>();
        var atSender = new ConcurrentQueue<JsonElement>();
        var atBystander = new ConcurrentQueue<JsonElement>();
        await using var receiverConsole = await ConnectAsync(cluster[0], receiver.Username, receiver.Password, atReceiver);
        await using var senderConsole = await ConnectAsync(cluster[1], patient.Clinician.Username, patient.Clinician.Password, atSender);
        await using var bystanderConsole = await ConnectAsync(cluster[0], bystander.Username, bystander.Password, atBystander);
        foreach (var user in new[] { receiver.Username, patient.Clinician.Username, bystander.Username })
        {
            await JoinedAsync(ward.Admin, user);
        }

        using var sender = await cluster[1].LoginAsync(patient.Clinician.Username, patient.Clinician.Password);
        using var request = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = receiver.Username, note = "Stabiel" });
        var pending = await CallCentreHost.ReadAsync<HandoverView>(request, HttpStatusCode.Accepted);

        var pushed = await ArrivesAsync(atReceiver, h => Id(h) == pending.HandoverId, "the handover requested through host 2 on the receiver's console on host 1");
        pushed.GetProperty("patientId").GetString().Should().Be(patient.PatientId);
        pushed.GetProperty("summary").GetProperty("patientId").GetString().Should().Be(patient.PatientId, "the receiver decides on the summary");
        await ArrivesAsync(atSender, h => Id(h) == pending.HandoverId, "the sender's own console on host 2");

        using var receiving = await cluster[0].LoginAsync(receiver.Username, receiver.Password);
        using (var accepted = await receiving.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover/{pending.HandoverId}/accept", new { note = "Neem het over" }))
        {
            (await CallCentreHost.ReadAsync<HandoverView>(accepted, HttpStatusCode.OK)).Status.Should().Be("accepted");
        }

        await ArrivesAsync(atSender, h => Id(h) == pending.HandoverId && h.GetProperty("status").GetString() == "accepted",
            "the decision made through host 1 on the sender's console on host 2");

        // The marker: a handover to the bystander through host 2. Once it has arrived on host 1, the earlier ones would have too.
        var other = await ward.AdmitAsync();
        using var otherSender = await cluster[1].LoginAsync(other.Clinician.Username, other.Clinician.Password);
        using var marker = await otherSender.PostAsJsonAsync($"/api/patients/{other.PatientId}/handover", new { to = bystander.Username });
        var markerHandover = await CallCentreHost.ReadAsync<HandoverView>(marker, HttpStatusCode.Accepted);
        await ArrivesAsync(atBystander, h => Id(h) == markerHandover.HandoverId, "the bystander's own handover on host 1");
        atBystander.Select(Id).Should().Equal([markerHandover.HandoverId], "a console gets only the handovers of its own user, on any host");
        atReceiver.Select(Id).Should().NotContain(markerHandover.HandoverId);
    }

    [Fact]
    public async Task A_user_disabled_through_host_2_loses_her_console_and_her_token_on_host_1_and_once_enabled_signs_in_there_again()
    {
        await using var cluster = await HostCluster.StartAsync(postgres.Server, "revocation", 2, output);
        using var ward = await Ward.OpenAsync(cluster[0]);
        var nurse = await ward.HireAsync("nurse");
        var token = await cluster[0].GetTokenAsync(nurse.Username, nurse.Password);
        using var onHost1 = Bearer(cluster[0], token);
        (await StatusAsync(onHost1, "/api/alerts")).Should().Be(HttpStatusCode.OK, "host 1 now knows her stamp");
        await using var console = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster[0].BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        console.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await console.StartAsync();
        await JoinedAsync(ward.Admin, nurse.Username);

        using var admin2 = await cluster[1].LoginAsync();
        using (var disable = await admin2.PostAsync($"/api/users/{nurse.Username}/disable", null))
        {
            disable.StatusCode.Should().Be(HttpStatusCode.OK, await disable.Content.ReadAsStringAsync());
        }

        await closed.Task.WaitAsync(Deadline);
        await Eventually.GetAsync(() => StatusAsync(onHost1, "/api/alerts"), s => s == HttpStatusCode.Unauthorized, Deadline, "her token refused by host 1");

        using (var enable = await admin2.PostAsync($"/api/users/{nurse.Username}/enable", null))
        {
            enable.StatusCode.Should().Be(HttpStatusCode.OK, await enable.Content.ReadAsStringAsync());
        }

        // Host 1 had cached her as disabled: it must have forgotten that to let a fresh token of hers through.
        await Eventually.GetAsync(
            async () =>
            {
                using var login = await cluster[0].Http.PostAsJsonAsync("/api/auth/token", new { username = nurse.Username, password = nurse.Password });
                if (!login.IsSuccessStatusCode)
                {
                    return login.StatusCode;
                }

                using var fresh = Bearer(cluster[0], (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
                return await StatusAsync(fresh, "/api/alerts");
            },
            s => s == HttpStatusCode.OK,
            Deadline,
            "a fresh token of hers accepted by host 1 once she was enabled through host 2");
    }

    private static HttpClient Bearer(HostProcess host, string token)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task<HubConnection> ConnectAsync(HostProcess host, string username, string password, ConcurrentQueue<JsonElement>? handovers = null)
    {
        var token = await host.GetTokenAsync(username, password);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On<JsonElement>("careHandoverChanged", handover => handovers?.Enqueue(handover));
        hub.On<JsonElement>("alertChanged", _ => { });
        await hub.StartAsync();
        return hub;
    }

    private static string? Id(JsonElement handover) => handover.GetProperty("handoverId").GetString();

    private static Task<JsonElement> ArrivesAsync(ConcurrentQueue<JsonElement> queue, Func<JsonElement, bool> match, string what) =>
        Eventually.GetAsync(() => Task.FromResult(queue.FirstOrDefault(match)), h => h.ValueKind == JsonValueKind.Object, Deadline, what);

    /// <summary>The hub has put the connection in its audience once it recorded the join (it records first); the trail is the cluster's.</summary>
    private static Task JoinedAsync(HttpClient admin, string username, int times = 1) =>
        Eventually.GetAsync(
            async () => (await admin.GetFromJsonAsync<AuditPageView>($"/api/audit?user={username}&pageSize=500"))!.Records,
            r => r.Count(x => x.Resource == "alert-stream") >= times,
            Deadline,
            $"{username}'s console to join the alert stream");
}
