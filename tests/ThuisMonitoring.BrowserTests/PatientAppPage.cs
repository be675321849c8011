using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>The patient app on a phone (390x844), paired through the pairing URL, seen through its data-testid attributes.</summary>
public sealed class PatientAppPage(IPage page)
{
    public static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        ServiceWorkers = ServiceWorkerPolicy.Allow,
    };

    /// <summary>The phone with the page's Content-Security-Policy bypassed, so axe-core can be injected (the accessibility test only).</summary>
    public static BrowserNewContextOptions PhoneForAxe => new()
    {
        ViewportSize = Phone.ViewportSize,
        IsMobile = true,
        HasTouch = true,
        ServiceWorkers = ServiceWorkerPolicy.Allow,
        BypassCSP = true,
    };

    public IPage Page { get; } = page;

    public ILocator Screen(string name) => Page.GetByTestId($"screen-{name}");

    public ILocator Feedback => Page.GetByTestId("feedback");

    public ILocator Outbox => Page.GetByTestId("outbox").Locator("li");

    /// <summary>Opens the pairing URL and waits for the greeting and the service worker (the shell is cached then).</summary>
    public async Task PairAsync(string pairingUrl, string patientName)
    {
        await Page.GotoAsync(pairingUrl);
        await Expect(Page.GetByTestId("patient-name")).ToHaveTextAsync(patientName, new() { Timeout = 20_000 });
        await Page.EvaluateAsync("() => navigator.serviceWorker.ready.then(() => true)");
    }

    public Task WaitOnlineAsync() =>
        Expect(Page.GetByTestId("connection")).ToHaveAttributeAsync("data-online", "true", new() { Timeout = 20_000 });

    public async Task EnterAsync(int? spo2 = null, int? heartRate = null, int? respiratoryRate = null, string? feeling = null)
    {
        await Page.GetByTestId("go-entry").ClickAsync();
        if (spo2 is { } s)
        {
            await Page.Locator("#screen-entry").GetByLabel("Zuurstof in bloed").FillAsync(s.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (heartRate is { } h)
        {
            await Page.GetByTestId("heart-rate").FillAsync(h.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (respiratoryRate is { } r)
        {
            await Page.GetByTestId("respiratory-rate").FillAsync(r.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (feeling is not null)
        {
            await Page.GetByTestId($"feeling-{feeling}").CheckAsync();
        }

        await Page.GetByTestId("entry-submit").ClickAsync();
    }

    public async Task HomeAsync()
    {
        await Page.GetByTestId("feedback-done").ClickAsync();
        await Expect(Screen("home")).ToBeVisibleAsync();
    }

    /// <summary>axe-core (from npm, next to the tests) on the page as it is: the serious and critical violations.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync()
    {
        await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(AppContext.BaseDirectory, "axe.min.js") });
        var json = await Page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
              return JSON.stringify(result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')'));
            }
            """);
        return JsonSerializer.Deserialize<List<string>>(json)!;
    }

    public async Task ScreenshotAsync(string name, bool toDocs)
    {
        var artifact = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = artifact, FullPage = false });
        if (toDocs)
        {
            File.Copy(artifact, Path.Combine(RepositoryRoot.Path, "docs", "screenshots", name), overwrite: true);
        }
    }
}

/// <summary>Binds a patient-app device to a patient through the API, as the console's "Koppel de app" does.</summary>
public static class AppBinding
{
    public static async Task<string> PairingUrlAsync(HostProcess host, string patientId)
    {
        using var admin = await host.LoginAsync();
        using var response = await admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId = $"app-{Guid.NewGuid():N}"[..20], kind = "patient-app" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pairingUrl").GetString()!;
    }

    /// <summary>The number of SpO2 values stored for the patient in the last day (GET /api/patients/{id}/vitals).</summary>
    public static async Task<int> Spo2CountAsync(HostProcess host, string patientId)
    {
        using var admin = await host.LoginAsync();
        var trend = await admin.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}/vitals?sign=spo2");
        return trend.GetProperty("values").GetArrayLength();
    }

    public static async Task<JsonElement> PatientAsync(HostProcess host, string patientId)
    {
        using var admin = await host.LoginAsync();
        return await admin.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}");
    }
}
