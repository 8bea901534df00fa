package com.penguinmails.webhooks.management.delivery;

import org.springframework.http.HttpStatus;

/**
 * Spec 004 "Failed Deliveries Summary" of a webhook's delivery log: the failed deliveries of one window, those waiting
 * for a retry and those that exhausted their retries, and the last error most of them share.
 *
 * @param pendingRetry      failed deliveries with a retry scheduled
 * @param exhausted         failed deliveries with no retry left
 * @param commonStatusCode  the status code most of them last got; null when it is no answer or there is none
 * @param commonErrorClass  the error class most of them last met (timeout, ...) when they got no answer
 * @param commonOccurrences how many of them share that error; 0 when none failed
 */
public record FailedDeliverySummary(long pendingRetry, long exhausted, Integer commonStatusCode, String commonErrorClass,
                                    long commonOccurrences) {

    /** Every failed delivery of the window: the pending and the exhausted ones. */
    public long total() {
        return pendingRetry + exhausted;
    }

    /** How the most common error reads: "500 Internal Server Error", the error class, or "no answer"; null when none failed. */
    public String mostCommonError() {
        if (commonOccurrences == 0) {
            return null;
        }
        if (commonStatusCode != null) {
            HttpStatus status = HttpStatus.resolve(commonStatusCode);
            return commonStatusCode + (status == null ? "" : " " + status.getReasonPhrase());
        }
        return commonErrorClass != null ? commonErrorClass : "no answer";
    }
}
