using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Mediator;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.Application.Common.Behaviours;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Infrastructure;
using ServiceExcellence.Web.Api;
using ServiceExcellence.Web.Benchmarking;
using ServiceExcellence.Web.Infrastructure;
using ServiceExcellence.Web.Pages.Survey;

namespace ServiceExcellence.Web;

/// <summary>The composition root: every service and every middleware of the app, in order.</summary>
public static class Composition
{
    public const string AdministratorsOnly = "AdministratorsOnly";

    /// <summary>The guarantee desk: the president works it, administrators may read it (commands check the president themselves).</summary>
    public const string GuaranteeDesk = "GuaranteeDesk";

    /// <summary>Rate limit of the pages customers reach without signing in (survey links).</summary>
    public const string PublicPagesPolicy = "public-pages";

    /// <summary>Callers of the REST API: authenticated with an X-Api-Key, never with a staff cookie.</summary>
    public const string ApiClients = "ApiClients";

    /// <summary>Rate limit of the REST API, per key.</summary>
    public const string ApiPolicy = "api";

    /// <summary>Rate limit of the sign-in form's POST, per client address.</summary>
    public const string SignInPolicy = "sign-in";

    public static WebApplicationBuilder AddServiceExcellence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Compact JSON, one event per line, wherever logs are collected by a machine; readable text in Development.
        var jsonLogs = builder.Configuration.GetValue("Observability:JsonLogs", !builder.Environment.IsDevelopment());
        services.AddSerilog(
            (sp, logger) =>
            {
                logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext().Enrich.With<SecretLinkRedactor>();
                if (jsonLogs)
                {
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter());
                }
                else
                {
                    logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
                }
            },
            preserveStaticLogger: false);

        services.AddInfrastructure(builder.Configuration, builder.Environment);
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(TransactionBehaviour<,>)];
        });

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();

        // Secure, host-only cookies everywhere the app is served over HTTPS; `Security:SecureCookies=false`
        // (Development and the local compose file) serves plain http://localhost instead.
        var secure = builder.Configuration.GetValue("Security:SecureCookies", true);
        var cookiePrefix = secure ? "__Host-" : string.Empty;
        var cookiePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = cookiePrefix + "ServiceExcellence";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = cookiePolicy;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = ApiAwareRedirect(StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = ApiAwareRedirect(StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = cookiePrefix + "ServiceExcellence-Antiforgery";
            options.Cookie.SecurePolicy = cookiePolicy;
        });

        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ApiClients, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(ApiKeyAuthenticationHandler.SourceClaim))
            .AddPolicy(AdministratorsOnly, policy => policy.RequireRole(StaffRoles.Administrator))
            .AddPolicy(GuaranteeDesk, policy => policy.RequireRole(StaffRoles.President, StaffRoles.Administrator));

        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin", AdministratorsOnly);
                options.Conventions.AuthorizeFolder("/Guarantees", GuaranteeDesk);
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/StatusCode");
            })
            .AddMvcOptions(options => options.Filters.Add<ValidationPageFilter>());

        services.AddSingleton<BadTokenThrottle>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PublicPagesPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = builder.Configuration.GetValue("RateLimits:PublicPagesPerMinute", 120),
                    Window = TimeSpan.FromMinutes(1),
                }));

            // Only the POST counts: it is refused before the antiforgery check and the password hash, so guessing
            // passwords from one address costs the server nothing past the limit. Showing the form stays free.
            var signInPerMinute = builder.Configuration.GetValue("RateLimits:SignInPerMinute", 10);
            options.AddPolicy(SignInPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "ip:" + ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("form"));

            // Partitioned by the key's hash — the key's identity in the database — so one busy integration
            // cannot starve another, and a request over the limit is refused before it touches the database.
            var apiPerMinute = builder.Configuration.GetValue("RateLimits:ApiRequestsPerMinute", 1_200);
            options.AddPolicy(ApiPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.Request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString() is { Length: > 0 and <= 200 } key
                    ? "key:" + ApiKeyValues.HashOf(key)
                    : "ip:" + ClientAddress(context),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = apiPerMinute,
                    TokensPerPeriod = apiPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));

            // In front of the per-key buckets: a client that sends a new made-up key with every request would get a
            // fresh bucket each time (and a key lookup each time); the address's bucket is taken first and stops it.
            var apiPerAddress = builder.Configuration.GetValue("RateLimits:ApiPerAddressPerMinute", 2_400);
            var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments(TransactionsApi.Root)
                    ? RateLimitPartition.GetTokenBucketLimiter("ip:" + ClientAddress(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = apiPerAddress,
                        TokensPerPeriod = apiPerAddress,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("not-api"));
            options.GlobalLimiter = perAddress;
            options.OnRejected = (context, _) => ApiRateLimitRejection.WriteAsync(
                context, perAddress.GetStatistics(context.HttpContext)?.CurrentAvailablePermits == 0);
        });

        TrustedProxies.AddTo(services, builder.Configuration);
        services.AddApiProblems();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddApiReference();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseServiceExcellence(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationId>();
        // Outside the exception handler, so a request is logged with the status the client got (a rejected API body
        // is a 400, not the 500 the exception looked like on its way out).
        app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = AbortedRequests.LevelOf;
            options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(SecretLinks.Redact(path))),
                new LogEventProperty("StatusCode", new ScalarValue(AbortedRequests.StatusOf(context, status))),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        app.UseExceptionHandler("/Error");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/StatusCode", "?code={0}");
        app.UseMiddleware<ApiStatusProblems>();
        app.UseStaticFiles();
        app.UseRouting();
        // After routing (the policies belong to endpoints), before anything that costs a query: a request over a
        // limit is answered without touching the database (the survey language is read from it).
        app.UseRateLimiter();
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture("en").AddSupportedCultures(SurveyText.Languages).AddSupportedUICultures(SurveyText.Languages);
            options.RequestCultureProviders = [new SurveyLanguageProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapSurveyEndpoints();
        app.MapTransactionsApi();
        app.MapOpenApi(ApiReference.DocumentPath).AllowAnonymous();
        if (app.Configuration.GetValue("Benchmark:Enabled", false)) { app.MapBenchmarkBaseline(); }
        app.MapRazorPages();
        return app;
    }

    /// <summary>The client's address as the rate limits see it: the load balancer's X-Forwarded-For where it is trusted.</summary>
    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Pages redirect to sign-in; API calls get a plain status code instead.</summary>
    private static Func<Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions>, Task> ApiAwareRedirect(int status) =>
        context =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = status;
            }
            else
            {
                context.Response.Redirect(context.RedirectUri);
            }

            return Task.CompletedTask;
        };
}
