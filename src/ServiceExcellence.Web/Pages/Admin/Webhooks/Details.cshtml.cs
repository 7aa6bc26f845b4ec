using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Webhooks;
using ServiceExcellence.Domain.Webhooks;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.Webhooks;

/// <summary>One endpoint: its delivery log, redelivery of failed events, a test event, and rotating its signing secret.</summary>
public sealed class DetailsModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public WebhookDeliveryStatus? Status { get; set; }

    // From the query string only: Razor Pages keep the page's own path in the route value "page".
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public WebhookEndpointDetails.Result Endpoint { get; private set; } = default!;

    /// <summary>Set only on the answer to a rotation; shown once.</summary>
    public string? NewSecret { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new SendTestWebhook.Command(Id), cancellationToken);
        TempData["Notice"] = "A test event is queued and is sent within a few seconds; refresh to see the receiver's answer in the log.";
        return LocalRedirect(ListUrl(null));
    }

    public async Task<IActionResult> OnPostRedeliverAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        await mediator.Send(new RedeliverWebhook.Command(Id, deliveryId), cancellationToken);
        TempData["Notice"] = "The event is back in the queue and will be sent again within a few seconds.";
        return LocalRedirect(ListUrl(Status, PageNumber));
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        NewSecret = await mediator.Send(new RotateWebhookSecret.Command(Id), cancellationToken);
        await LoadFormOptionsAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>The log is shown again under the message when an action is refused.</summary>
    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        Endpoint = await mediator.Send(new WebhookEndpointDetails.Query(Id, Status, PageNumber), cancellationToken);

    /// <summary>This log with a status filter. Built by hand: the page link helpers would replace a "page" value with the page's path.</summary>
    public string ListUrl(WebhookDeliveryStatus? status, int page = 1, string? handler = null, Guid? deliveryId = null)
    {
        var query = new QueryBuilder();
        if (handler is not null)
        {
            query.Add("handler", handler);
        }

        if (deliveryId is { } delivery)
        {
            query.Add("deliveryId", delivery.ToString());
        }

        if (status is { } filter)
        {
            query.Add("status", filter.ToString());
        }

        if (page > 1)
        {
            query.Add("page", page.ToString(CultureInfo.InvariantCulture));
        }

        return Url.Page("/Admin/Webhooks/Details", new { id = Id }) + query.ToQueryString();
    }

    public static string StatusBadge(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Delivered => "text-bg-success",
        WebhookDeliveryStatus.Failed => "text-bg-danger",
        _ => "text-bg-warning",
    };
}
