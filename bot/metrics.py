"""Prometheus series of one server or worker (each its own registry, so that tests can run
several in one process)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    """Prometheus series of one server (its own registry, so that tests can run several)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.updates = Counter(
            "confbot_updates_received",
            "Updates (Telegram updates, LINE events) received, by channel.",
            ["channel"],
            registry=self.registry,
        )
        self.duplicates = Counter(
            "confbot_updates_duplicate",
            "Updates already processed (redeliveries, other replicas): not answered again.",
            ["channel"],
            registry=self.registry,
        )
        self.replies = Counter(
            "confbot_replies_sent",
            "Messages sent to delegates, by channel.",
            ["channel"],
            registry=self.registry,
        )
        self.errors = Counter(
            "confbot_errors",
            "Failures, by channel and stage (handler, send, webhook, record).",
            ["channel", "stage"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "confbot_reply_latency_seconds",
            "Time from receiving an update to the platform accepting the reply.",
            ["channel"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "confbot_updates_in_flight", "Updates being handled now.", registry=self.registry
        )

    def channel(self, name: str) -> ChannelMetrics:
        return ChannelMetrics(self, name)


class ChannelMetrics:
    """The series of one channel, with their labels bound once (not at every update)."""

    STAGES = ("handler", "send", "webhook", "record")

    def __init__(self, metrics: Metrics, channel: str) -> None:
        self.updates = metrics.updates.labels(channel)
        self.duplicates = metrics.duplicates.labels(channel)
        self.replies = metrics.replies.labels(channel)
        self.latency = metrics.latency.labels(channel)
        self.in_flight = metrics.in_flight
        self._errors = {stage: metrics.errors.labels(channel, stage) for stage in self.STAGES}

    def error(self, stage: str) -> None:
        self._errors[stage].inc()
