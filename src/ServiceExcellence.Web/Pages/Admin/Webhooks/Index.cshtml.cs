using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Webhooks;

namespace ServiceExcellence.Web.Pages.Admin.Webhooks;

/// <summary>The registered webhook endpoints, with what waits for each and what failed.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListWebhookEndpoints.Row> Endpoints { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Endpoints = await mediator.Send(new ListWebhookEndpoints.Query(), cancellationToken);
}
