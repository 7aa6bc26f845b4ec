using Microsoft.Playwright;

namespace ServiceExcellence.BrowserTests.Support;

/// <summary>
/// One app and one headless Debian chromium for the whole collection; each test opens its own browser
/// context (cookies, storage, viewport) through <see cref="OpenAsync"/>.
/// Without /usr/bin/chromium the tests skip, unless SE_REQUIRE_BROWSER=1 (CI, tests/run-all.sh) makes them fail.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly AppServer _app = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? Unavailable { get; private set; }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The running app's services, for arranging data in a scope of its own (call after <see cref="OpenAsync"/>).</summary>
    public IServiceProvider Services => _app.Services;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium)";
            return;
        }

        BaseAddress = _app.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context and page on the app; skips or fails the test when there is no browser.</summary>
    public async Task<BrowserSession> OpenAsync(BrowserNewContextOptions? options = null)
    {
        if (Unavailable is not null)
        {
            var required = Environment.GetEnvironmentVariable("SE_REQUIRE_BROWSER") == "1";
            Assert.SkipWhen(!required, Unavailable);
            Assert.Fail($"{Unavailable}; SE_REQUIRE_BROWSER=1 requires the browser tests to run.");
        }

        options ??= new();
        options.BaseURL = BaseAddress.ToString().TrimEnd('/');
        var context = await _browser!.NewContextAsync(options);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
