"""Prometheus series of one server or worker (each its own registry, so that tests can run
several in one process)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector

from handlers.core.understanding import Outcome, Understanding


class Metrics:
    """Prometheus series of one process: the updates and replies of `confbot serve`, the
    outbox of whichever process dispatches, and the process itself (memory, CPU, open file
    descriptors, garbage collection: prometheus_client's default collectors)."""

    def __init__(self) -> None:
        self.registry = registry = CollectorRegistry(auto_describe=True)
        # prometheus_client's default collectors, which it registers in its global registry
        ProcessCollector(registry=registry)
        PlatformCollector(registry=registry)
        GCCollector(registry=registry)
        self.updates = Counter(
            "confbot_updates_received",
            "Updates (Telegram updates, LINE events) received, by channel.",
            ["channel"],
            registry=registry,
        )
        self.duplicates = Counter(
            "confbot_updates_duplicate",
            "Updates already processed (redeliveries, other replicas): not answered again.",
            ["channel"],
            registry=registry,
        )
        self.dropped = Counter(
            "confbot_updates_dropped",
            "Updates dropped because their delegate had too many waiting, by channel.",
            ["channel"],
            registry=registry,
        )
        self.replies = Counter(
            "confbot_replies_sent",
            "Messages sent to delegates, by channel.",
            ["channel"],
            registry=registry,
        )
        self.handed_over = Counter(
            "confbot_replies_handed_over",
            "Replies the platform did not take at once (5xx, timeout, 429, expired LINE reply "
            "token), handed to the outbox to be pushed, by channel.",
            ["channel"],
            registry=registry,
        )
        self.errors = Counter(
            "confbot_errors",
            "Failures, by channel and stage (handler, send, webhook, record, database).",
            ["channel", "stage"],
            registry=registry,
        )
        self.turns = Counter(
            "confbot_turns",
            "Turns answered, by channel and by what was made of the message (command, "
            "answered, clarified, fallback, off_topic, event).",
            ["channel", "outcome"],
            registry=registry,
        )
        self.faq = Counter(
            "confbot_faq_outcomes",
            "Free-text questions the FAQ answered, asked back about (clarified), or could not "
            "answer (fallback), by channel.",
            ["channel", "outcome"],
            registry=registry,
        )
        self.latency = Histogram(
            "confbot_reply_latency_seconds",
            "Time from receiving an update to the platform accepting the reply.",
            ["channel"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
            registry=registry,
        )
        self.in_flight = Gauge(
            "confbot_updates_in_flight", "Updates being handled now.", registry=registry
        )
        self.outbox = OutboxMetrics(registry)

    def channel(self, name: str) -> ChannelMetrics:
        return ChannelMetrics(self, name)


class OutboxMetrics:
    """The outbox as the dispatcher sees it: what became of each message it tried, how many
    wait, for how long, and what is left of LINE's monthly quota."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.outcomes = Counter(
            "confbot_outbox_outcomes",
            "Pushed messages by channel and outcome: sent, failed (given up), blocked (the "
            "delegate blocked the bot), waiting_quota (LINE's monthly quota), retry, wait "
            "(rate limited).",
            ["channel", "status"],
            registry=registry,
        )
        self.depth = Gauge(
            "confbot_outbox_depth",
            "Messages in the outbox not sent yet: due (waiting to be sent), sending (claimed "
            "by a dispatcher), scheduled (due later: reminders, scheduled broadcasts), "
            "waiting_quota (held for LINE's quota).",
            ["state"],
            registry=registry,
        )
        self.oldest_age = Gauge(
            "confbot_outbox_oldest_age_seconds",
            "Seconds the oldest message due has been waiting to be sent (0 when none waits).",
            registry=registry,
        )
        self.line_quota_remaining = Gauge(
            "confbot_line_quota_remaining",
            "LINE pushes left this month (-1: no limit, or not known yet).",
            registry=registry,
        )
        self.line_quota_remaining.set(-1)


class ChannelMetrics:
    """The series of one channel, with their labels bound once (not at every update)."""

    STAGES = ("handler", "send", "webhook", "record", "database")

    def __init__(self, metrics: Metrics, channel: str) -> None:
        self.channel = channel
        self.updates = metrics.updates.labels(channel)
        self.duplicates = metrics.duplicates.labels(channel)
        self.dropped = metrics.dropped.labels(channel)
        self.replies = metrics.replies.labels(channel)
        self.handed_over = metrics.handed_over.labels(channel)
        self.latency = metrics.latency.labels(channel)
        self.in_flight = metrics.in_flight
        self._errors = {stage: metrics.errors.labels(channel, stage) for stage in self.STAGES}
        self._turns = {o: metrics.turns.labels(channel, o.value) for o in Outcome}
        self._faq = {
            o: metrics.faq.labels(channel, o.value)
            for o in (Outcome.ANSWERED, Outcome.CLARIFIED, Outcome.FALLBACK)
        }

    def error(self, stage: str) -> None:
        self._errors[stage].inc()

    def understood(self, understanding: Understanding) -> None:
        """Counts a turn by its outcome; an FAQ answer, an ask-back and a fallback also count
        as the FAQ's outcomes (the fallback is where the FAQ found nothing)."""
        outcome = understanding.outcome
        self._turns[outcome].inc()
        if outcome is Outcome.ANSWERED and understanding.intent != "faq":
            return
        faq = self._faq.get(outcome)
        if faq is not None:
            faq.inc()
