extension CheckScope {
    /// The requests whose conditions hold, decided before any is sent so the last one sent is known: a
    /// condition on a value an earlier request's answer will give counts as set.
    func requestsToSend() throws(ProbeRefusal) -> [CheckRequest] {
        var foreseen = self
        var chosen: [CheckRequest] = []
        for request in check.requests {
            var send = true
            for name in request.ifSet where send { send = try foreseen.hasValue(name) }
            for name in request.ifEmpty where send { send = !(try foreseen.hasValue(name)) }
            guard send else { continue }
            chosen.append(request)
            foreseen.record(request.name, .pending)
        }
        return chosen
    }
}
