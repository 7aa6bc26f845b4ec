using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceExcellence.Infrastructure.Webhooks;

/// <summary>Runs the <see cref="WebhookProcessor"/> in the background: at once while there is work, then every poll interval.</summary>
internal sealed class WebhookDispatcher(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Dispatcher;
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                handled = await scope.ServiceProvider.GetRequiredService<WebhookProcessor>().ProcessDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The webhook dispatcher failed; it tries again shortly");
            }

            if (handled == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
